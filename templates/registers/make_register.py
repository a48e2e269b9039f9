#!/usr/bin/env python3
"""Builds the sign-out register of numbered copies (templates/registers/copies-register.docx).

`reviewkit copies` fills it for the copies it makes (Tameside's procedure, seed 002: "Each copy will
be numbered, and a signing-out procedure used when a copy is issued ... Authorised persons ... will
sign for the copy, leaving contact details"). It is made the way templates/letters/make_letters.py
makes the letters, with its helpers (runs split as Word splits them, rsids, styles), on landscape
A4: a row a copy, with ruled cells left empty for the signature and the date it is returned. Run
it again after changing the wording here:

    python3 templates/registers/make_register.py

It uses only Python's standard library. Output is deterministic (fixed dates and rsids).
"""
import os
import sys
import zipfile

sys.dont_write_bytecode = True  # nothing left in templates/letters/

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'letters'))
import make_letters as L  # noqa: E402  (the letters' helpers: para, runs, styles, parts)

# Landscape A4, 2 cm margins: 14570 twips of width for the table.
SECT = ('<w:sectPr w:rsidR="00A12B34" w:rsidSect="00A12B34"><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:footerReference w:type="default" r:id="rId6"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="1247" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')

COLUMNS = [('Copy', 800), ('Issued to', 2600), ('Organisation', 2250), ('Contact details', 3120),
           ('Date issued', 1900), ('Signature', 2000), ('Date returned', 1900)]


def cell(width, paragraphs, shade=None):
    shd = '<w:shd w:val="clear" w:color="auto" w:fill="%s"/>' % shade if shade else ''
    return '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s<w:vAlign w:val="top"/></w:tcPr>%s</w:tc>' % (
        width, shd, ''.join(paragraphs))


def small(text, rsid):
    """A paragraph in the Small style (9 pt): a role under a name, contact details."""
    return L.para(text, rsid, style='Small', spacing_after=0)


# The letters' styles and a Small paragraph style.
STYLES = L.STYLES.replace('</w:styles>', '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Small"><w:name w:val="Small"/>'
                          '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
                          '</w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>')


def register_table(rsid):
    grid = ''.join('<w:gridCol w:w="%d"/>' % w for _, w in COLUMNS)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="14570" w:type="dxa"/>'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>%s</w:tblGrid>' % grid]
    # The heading row, repeated on every page.
    out.append('<w:tr w:rsidR="%s"><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' % rsid.next())
    for heading, width in COLUMNS:
        out.append(cell(width, [L.para(heading, rsid, bold=True, spacing_after=0)], shade='D9E2F3'))
    out.append('</w:tr>')
    # A row a copy, tall enough to sign in; never split across pages.
    cells = [
        [L.para('{% for c in copies %}{{ c.number }}', rsid, bold=True, spacing_after=0)],
        [L.para('{{ c.name }}', rsid, bold=True, spacing_after=0), small('{{ c.role | default: "" }}', rsid)],
        [L.para('{{ c.organisation | default: "" }}', rsid, spacing_after=0)],
        [small('{{ c.contact | default: "" }}', rsid)],
        [small('{{ c.date }}', rsid)],
        [L.para('', rsid, spacing_after=0)],
        [L.para('{% endfor %}', rsid, spacing_after=0)],
    ]
    out.append('<w:tr w:rsidR="%s"><w:trPr><w:cantSplit/><w:trHeight w:val="1020" w:hRule="atLeast"/></w:trPr>' % rsid.next())
    for (_, width), paragraphs in zip(COLUMNS, cells):
        out.append(cell(width, paragraphs))
    out.append('</w:tr></w:tbl>')
    return ''.join(out)


def header_xml(rsid):
    return L.HEAD + '<w:hdr %s>' % L.W + \
        L.para('RESTRICTED', rsid, style='Header', bold=True, align='right') + \
        L.para('{% if register.board is defined %}{{ register.board }}{% endif %}', rsid, style='Header') + \
        '</w:hdr>'


def footer_xml(rsid):
    fld = L.field
    p_rsid = rsid.next()
    page = ('<w:p w:rsidR="%s" w:rsidRDefault="%s"><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="clear" w:pos="4513"/>'
            '<w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="14570"/></w:tabs></w:pPr>%s<w:r><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>%s'
            '<w:r><w:t xml:space="preserve"> of </w:t></w:r>%s</w:p>') % (
        p_rsid, p_rsid, L.runs('Sign-out register: {{ register.title }}', rsid), fld('PAGE'), fld('NUMPAGES'))
    return L.HEAD + '<w:ftr %s>' % L.W + page + \
        L.para('RESTRICTED', rsid, style='Footer', align='center') + '</w:ftr>'


BODY = [
    ('Sign-out register: {{ register.title }}', dict(style='Heading1')),
    ('{{ register.total }} numbered copies of {{ register.document }}, issued on {{ register.date }}'
     '{% if register.reference is defined %}; review reference {{ register.reference }}{% endif %}.', {}),
    ('Each copy is numbered and marked on every page with the name of the person it is issued to. Whoever receives a '
     'copy signs for it here and leaves contact details, so that it can be retrieved swiftly if required; while it is '
     'signed out they are responsible at all times for its security and confidentiality. When the review is concluded '
     'every copy is returned and destroyed, and the date it is returned is written here; the master copy is kept '
     'securely.', dict(italic=True)),
]


def build(seed=4242):
    rsid = L.Rsid(seed)
    content = [L.para(text, rsid, **kw) for text, kw in BODY]
    content.append(register_table(rsid))
    content.append(L.para('', rsid))
    document = L.HEAD + '<w:document %s><w:body>%s%s</w:body></w:document>' % (L.W, ''.join(content), SECT)
    path = os.path.join(HERE, 'copies-register.docx')
    parts = [
        ('[Content_Types].xml', L.CONTENT_TYPES), ('_rels/.rels', L.ROOT_RELS), ('word/document.xml', document),
        ('word/_rels/document.xml.rels', L.DOC_RELS), ('word/styles.xml', STYLES), ('word/numbering.xml', L.NUMBERING),
        ('word/settings.xml', L.SETTINGS), ('word/fontTable.xml', L.FONTS), ('word/header1.xml', header_xml(rsid)),
        ('word/footer1.xml', footer_xml(rsid)), ('docProps/core.xml', L.core('Sign-out register of numbered copies')),
        ('docProps/app.xml', L.APP),
    ]
    with zipfile.ZipFile(path + '.tmp', 'w', zipfile.ZIP_DEFLATED) as z:
        for part, xml in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 5, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml.encode('utf-8'))
    os.replace(path + '.tmp', path)
    print('wrote', os.path.join('templates/registers', 'copies-register.docx'))


if __name__ == '__main__':
    build()
