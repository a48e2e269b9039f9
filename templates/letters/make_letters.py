#!/usr/bin/env python3
"""Builds the review's letter templates (templates/letters/*.docx) from the wording below.

The .docx files are what boards open and edit in Word; this script only makes the first version of
each, with the XML Word itself writes: runs split at revision and spell-check marks, rsid
attributes, bookmarks, a letterhead header and a page-numbered footer. Run it again after changing
the wording here:

    python3 templates/letters/make_letters.py

It uses only Python's standard library. Output is deterministic (fixed dates and rsids).
"""
import os
import re
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

W = 'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' \
    'xmlns:o="urn:schemas-microsoft-com:office:office" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ' \
    'xmlns:v="urn:schemas-microsoft-com:vml" ' \
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
    'xmlns:w10="urn:schemas-microsoft-com:office:word" ' \
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' \
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" ' \
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" ' \
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" ' \
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
    'mc:Ignorable="w14 wp14"'

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


class Rsid:
    """Deterministic revision ids, as Word stamps on every paragraph and run."""

    def __init__(self, seed):
        self.n = seed

    def next(self):
        self.n = (self.n * 1103515245 + 12345) % (2 ** 31)
        return '00%06X' % (self.n % 0xFFFFFF)


def esc(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def runs(text, rsid, bold=False, italic=False):
    """The runs Word writes for `text`: a run per editing session, and spell-check marks around
    words it does not know (which split tags such as {{ child.pseudonym }} across runs)."""
    rpr = ''
    if bold or italic:
        rpr = '<w:rPr>' + ('<w:b/><w:bCs/>' if bold else '') + ('<w:i/><w:iCs/>' if italic else '') + '</w:rPr>'
    out = []
    # Split at dots and underscores inside tags, as Word's proofing does for "child.pseudonym".
    pieces = re.split(r'(\{\{[^}]*\}\}|\{%[^%]*%\})', text)
    for piece in pieces:
        if not piece:
            continue
        if piece.startswith('{{') or piece.startswith('{%'):
            m = re.search(r'[._]', piece)
            if m and len(piece) > 8:
                cut = m.start() + 1
                first, second = piece[:cut], piece[cut:]
                out.append(run(first, rsid.next(), rpr))
                out.append('<w:proofErr w:type="spellStart"/>')
                out.append(run(second, rsid.next(), rpr))
                out.append('<w:proofErr w:type="spellEnd"/>')
                continue
        out.append(run(piece, rsid.next(), rpr))
    return ''.join(out)


def run(text, rsid, rpr):
    space = ' xml:space="preserve"' if text != text.strip() else ''
    return '<w:r w:rsidR="%s">%s<w:t%s>%s</w:t></w:r>' % (rsid, rpr, space, esc(text))


def para(text, rsid, style=None, bold=False, italic=False, align=None, keep_next=False, num=None, spacing_after=None):
    ppr = ''
    if style or align or keep_next or num is not None or spacing_after is not None:
        ppr = '<w:pPr>'
        if style:
            ppr += '<w:pStyle w:val="%s"/>' % style
        if keep_next:
            ppr += '<w:keepNext/>'
        if num is not None:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>' % num
        if spacing_after is not None:
            ppr += '<w:spacing w:after="%d"/>' % spacing_after
        if align:
            ppr += '<w:jc w:val="%s"/>' % align
        ppr += '</w:pPr>'
    p_rsid = rsid.next()
    return '<w:p w:rsidR="%s" w:rsidRDefault="%s" w:rsidP="%s">%s%s</w:p>' % (
        p_rsid, p_rsid, rsid.next(), ppr, runs(text, rsid, bold, italic) if text else '')


def table(rows, widths, rsid, header=True):
    grid = ''.join('<w:gridCol w:w="%d"/>' % w for w in widths)
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>%s</w:tblGrid>' % grid]
    for i, cells in enumerate(rows):
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if header and i == 0 else ''
        out.append('<w:tr w:rsidR="%s">%s' % (rsid.next(), trpr))
        for w, text in zip(widths, cells):
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if header and i == 0 else ''
            out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>%s</w:tc>' % (
                w, shade, para(text, rsid, bold=header and i == 0, spacing_after=0)))
        out.append('</w:tr>')
    out.append('</w:tbl>')
    return ''.join(out)


def header_xml(rsid):
    return HEAD + '<w:hdr %s>' % W + \
        para('{{ review.security_marking | default: "RESTRICTED" }}', rsid, style='Header', bold=True, align='right') + \
        para('{{ board.name }}', rsid, style='Letterhead') + \
        para('{{ board.address | default: "" }}', rsid, style='LetterheadAddress') + \
        '</w:hdr>'


def field(instr):
    """A field (PAGE, NUMPAGES) as Word writes one: begin, its code, separate, the last value, end."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> %s </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>') % instr


def footer_xml(rsid):
    fld = field
    p_rsid = rsid.next()
    page = ('<w:p w:rsidR="%s" w:rsidRDefault="%s"><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="clear" w:pos="4513"/>'
            '<w:tab w:val="right" w:pos="9026"/></w:tabs></w:pPr>%s<w:r><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>%s'
            '<w:r><w:t xml:space="preserve"> of </w:t></w:r>%s</w:p>') % (
        p_rsid, p_rsid, runs('Ref: {{ review.reference }}', rsid), fld('PAGE'), fld('NUMPAGES'))
    return HEAD + '<w:ftr %s>' % W + page + \
        para('{{ review.security_marking | default: "RESTRICTED" }}', rsid, style='Footer', align='center') + '</w:ftr>'


STYLES = HEAD + '''<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:eastAsia="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"><w:lsdException w:name="Normal" w:uiPriority="0" w:qFormat="1"/><w:lsdException w:name="heading 1" w:uiPriority="9" w:qFormat="1"/></w:latentStyles><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subject"><w:name w:val="Subject"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="240"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Address"><w:name w:val="Address"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Letterhead"><w:name w:val="Letterhead"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/><w:jc w:val="right"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="LetterheadAddress"><w:name w:val="Letterhead Address"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="1F3864"/></w:pBdr><w:spacing w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/></w:pPr><w:rPr><w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="80"/><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:link w:val="HeaderChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="character" w:customStyle="1" w:styleId="HeaderChar"><w:name w:val="Header Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="Header"/><w:uiPriority w:val="99"/></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>'''

NUMBERING = HEAD + '''<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'''

SETTINGS = HEAD + '''<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:proofState w:spelling="clean" w:grammar="clean"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:rsids><w:rsidRoot w:val="00A12B34"/></w:rsids><w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'''

FONTS = HEAD + '''<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'''

CONTENT_TYPES = HEAD + '''<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'''

ROOT_RELS = HEAD + '''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''

DOC_RELS = HEAD + '''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>'''


def core(title):
    return HEAD + ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                   'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                   '<dc:title>%s</dc:title><dc:creator>reviewkit</dc:creator><cp:lastModifiedBy>reviewkit</cp:lastModifiedBy>'
                   '<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T09:00:00Z</dcterms:created>'
                   '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-05T09:00:00Z</dcterms:modified></cp:coreProperties>') % esc(title)


APP = HEAD + '''<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>1</Pages><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><Lines>1</Lines><Paragraphs>1</Paragraphs><ScaleCrop>false</ScaleCrop><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>'''

SECT = ('<w:sectPr w:rsidR="00A12B34" w:rsidSect="00A12B34"><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:footerReference w:type="default" r:id="rId6"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1247" w:bottom="1247" w:left="1247" w:header="567" w:footer="567" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>')


def build(name, title, body, seed):
    rsid = Rsid(seed)
    content = []
    for item in body:
        kind = item[0]
        if kind == 'p':
            content.append(para(item[1], rsid, **(item[2] if len(item) > 2 else {})))
        elif kind == 'table':
            content.append(table(item[1], item[2], rsid))
        else:
            raise ValueError(kind)
    document = HEAD + '<w:document %s><w:body>%s%s</w:body></w:document>' % (W, ''.join(content), SECT)
    path = os.path.join(HERE, name)
    parts = [
        ('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS), ('word/document.xml', document),
        ('word/_rels/document.xml.rels', DOC_RELS), ('word/styles.xml', STYLES), ('word/numbering.xml', NUMBERING),
        ('word/settings.xml', SETTINGS), ('word/fontTable.xml', FONTS), ('word/header1.xml', header_xml(rsid)),
        ('word/footer1.xml', footer_xml(rsid)), ('docProps/core.xml', core(title)), ('docProps/app.xml', APP),
    ]
    with zipfile.ZipFile(path + '.tmp', 'w', zipfile.ZIP_DEFLATED) as z:
        for part, xml in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 5, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml.encode('utf-8'))
    os.replace(path + '.tmp', path)


def P(text, **kw):
    return ('p', text, kw)


def BULLET(text):
    return ('p', text, {'style': 'ListParagraph', 'num': 1})


def GAP():
    return ('p', '')


# The recipient's address block and the date, as every letter starts.
def address_block(name, role, organisation, address):
    out = [P('{{ today | date }}', align='right'), P(name, style='Address')]
    for line in (role, organisation, address):
        if not line:
            continue
        # A line the case may not have ('{{ recipient.role | default: "" }}') is left out, not left blank.
        optional = re.fullmatch(r'\{\{ (\S+) \| default: "" \}\}', line)
        if optional:
            out += [P('{%% if %s is defined %%}' % optional.group(1)), P('{{ %s }}' % optional.group(1), style='Address'),
                    P('{% endif %}')]
        else:
            out.append(P(line, style='Address'))
    out.append(GAP())
    return out


SIGN_CHAIR = [P('Yours sincerely'), GAP(), GAP(), P('{{ panel.board_chair.name }}', style='Address'),
              P('{{ panel.board_chair.job_title }}, {{ board.name }}', style='Address')]
SIGN_MANAGER = [P('Yours sincerely'), GAP(), GAP(), P('{{ contacts.business_manager.name }}', style='Address'),
                P('{{ contacts.business_manager.role | default: "Business Manager" }}, {{ board.name }}', style='Address')]
RE_REFERRAL = P('Re: referral {{ review.reference }}, {{ the_children.names_born }}', style='Subject')
RE_CHILD = P('Re: {{ review.kind_name }} {{ review.reference }}, {{ the_children.names_born }}',
             style='Subject')

LETTERS = {}

CHILDREN_TABLE = ('table', [['Child', 'Initials', 'Date of birth'],
                            ['{% for k in children %}{{ k.pseudonym }}', '{{ k.name | initials }}',
                             '{{ k.date_of_birth | date }}{% endfor %}']], [3200, 2400, 3800])


# Phrases every letter shares, so that a fact is worded once.
DIED_OR_HARMED = ('{% if review.incident_kind == "death" %}died on {{ child.death.date | date }}{% else %}was seriously '
                  'harmed on {{ review.dates.incident | date }}{% endif %}')
GUIDANCE = 'The review follows {{ guidance.citation }}.'
# With its own leading space, so that nothing is left behind when the case does not record it.
TOLD = ('{% if review.dates.decision_notified is defined and review.dates.decision_notified <= today %} The decision was notified to {{ guidance.decision_bodies }} on '
        '{{ review.dates.decision_notified | date }}.{% endif %}')
# Whether the letter is written after the scoping meeting, when the panel and the terms of reference are settled.
SCOPED = 'review.dates.scoping_meeting is defined and review.dates.scoping_meeting <= today'
CHAIR_AND_AUTHOR = ('{% if panel.chair is defined and ' + SCOPED + ' %}The review panel will be chaired by {{ panel.chair.name }}, '
                    '{{ panel.chair.job_title }}.{% else %}The board is appointing an independent chair for the review '
                    'panel.{% endif %} {% if panel.author is defined and ' + SCOPED + ' %}The overview report will be written by '
                    '{{ panel.author.name }}, {{ panel.author.job_title }}.{% else %}The board is appointing an independent '
                    'overview author.{% endif %}')
OFFICE = '{{ contacts.administrator.name | default: contacts.business_manager.name }}'
OFFICE_EMAIL = '{{ contacts.administrator.email | default: contacts.business_manager.email }}'
REPORT = '{{ board.terms.agency_report | default: "agency report" }}'
REPORT_LONG = '{{ board.terms.agency_report_long | default: "agency report" }}'
PANEL = '{{ board.terms.panel | default: "review panel" }}'
GROUP = '{{ board.terms.review_group | default: "review subgroup" }}'
# What an agency sends: its report, or its statement of information.
WHAT = '{% if recipient.contribution == "agency-report" %}report{% else %}statement{% endif %}'
# What each agency is asked for, once the scoping meeting has agreed it (review.stage is the stage on the
# letter's date).
CONTRIBUTION = ('{% if a.contribution is not defined or review.stage == "referred" or review.stage == "decided" %}to be '
                'agreed at the scoping meeting{% elif a.contribution == '
                '"agency-report" %}an agency report and chronology{% elif a.contribution == "statement-of-information" %}a '
                'statement of information{% elif a.contribution == "nil-return" %}a nil return{% else %}no written '
                'contribution{% endif %}')
ADDRESSEE = lambda: address_block('{{ recipient.name }}', '{{ recipient.role | default: "" }}',
                                  '{{ recipient.organisation | default: "" }}', '{{ recipient.address | default: "" }}')
TO_SENIOR_MANAGER = lambda: address_block('{{ recipient.senior_manager.name }}',
                                          '{{ recipient.senior_manager.role | default: "" }}', '{{ recipient.name }}',
                                          '{{ recipient.address | default: "" }}')
DEAR = P('Dear {{ recipient.salutation | default: recipient.name }},')
DEAR_SENIOR_MANAGER = P('Dear {{ recipient.senior_manager.salutation | default: recipient.senior_manager.name }},')

# From the referral: the case is being considered (003 §1.1, 000 §1.1, 001 §4.1).
LETTERS['referral-acknowledgement.docx'] = ('The referrer told the referral was received', [
    *ADDRESSEE(),
    DEAR,
    RE_REFERRAL,
    P('Thank you for your referral of this case to {{ board.name }}, which we received on {{ review.dates.referral | '
      'date }}. Its reference is {{ review.reference }}: please use it on everything you send us about the case.'),
    P('The ' + GROUP + ' will consider the referral with the information the agencies involved provide, and will make a '
      'recommendation to the board\'s Chair, who decides whether a {{ guidance.review_name }} will be held under '
      '{{ guidance.citation }}{% if deadlines.decision.due is defined %}. The decision is due by {{ deadlines.decision.due | date }}{% endif %}. I will write to you with the '
      'decision and its reasons.'),
    P('In the meantime, please make sure that your agency\'s records about the child and family are secured, so that '
      'nothing can be altered or lost.'),
    P('If you have any questions, please contact {{ contacts.business_manager.name }} at {{ contacts.business_manager.email }}.'),
    *SIGN_MANAGER,
])

LETTERS['information-request.docx'] = ('Each agency asked what it knows of the child and family', [
    *address_block('{{ recipient.senior_manager.name | default: "The Named Officer for Safeguarding" }}',
                   '{{ recipient.senior_manager.role | default: "" }}', '{{ recipient.name }}',
                   '{{ recipient.address | default: "" }}'),
    P('Dear {{ recipient.senior_manager.salutation | default: recipient.senior_manager.name | default: "Colleague" }},'),
    RE_REFERRAL,
    P('{{ board.name }} received a referral on {{ review.dates.referral | date }} asking it to consider holding a '
      '{{ guidance.review_name }} under {{ guidance.citation }} in respect of {{ the_children.names_and_what_happened }}. '
      'The ' + GROUP + ' will consider the referral, and needs to know what each agency knows of the child and family.'),
    P('If any of the people below are or have been known to {{ recipient.name }}, please complete the enclosed additional '
      'information form and return it to ' + OFFICE + ' at ' + OFFICE_EMAIL + ' {% if review.dates.information_due is '
      'defined %}by {{ review.dates.information_due | date }}{% else %}as soon as you can{% endif %}, by secure e-mail and '
      'quoting the reference {{ review.reference }}. If none of them is known to your agency, please say so.'),
    ('table', [['Full name', 'Date of birth', 'Relationship', 'Address'],
               ['{% for k in children %}{{ k.name }}', '{{ k.date_of_birth | date }}', 'the child at the centre of the referral',
                '{{ k.address | default: "" }}{% endfor %}'],
               ['{% for p in family %}{% if p.name is defined %}{{ p.name }}{% else %}{{ p.pseudonym }}{% endif %}'
                '{% if p.death.date is defined %} (died {{ p.death.date | date }}){% endif %}'
                '{% if p.pregnancy.expected is defined %} (expected {{ p.pregnancy.expected | date }}){% endif %}'
                '{% if p.pregnancy.date is defined %} ({{ p.pregnancy.outcome }}, {{ p.pregnancy.date | date }}){% endif %}',
                '{% if p.date_of_birth is defined %}{% if p.date_of_birth_approximate | default: "" == true %}about '
                '{{ p.date_of_birth | date: "%Y" }}{% else %}{{ p.date_of_birth | date }}{% endif %}{% endif %}',
                '{{ p.relationship }}', '{{ p.address | default: "" }}{% endfor %}']], [2600, 1700, 2500, 2600]),
    GAP(),
    P('The family as the board knows it', style='Heading1', keep_next=True),
    P('{% figure genogram width: 16cm %}', keep_next=True),
    P('The genogram shows the family as known to the board on {{ today | date }}, each person by the pseudonym the '
      'review will use for them. Please tell ' + OFFICE + ' of anyone your agency knows to be part of the family or '
      'household who is not shown.', italic=True),
    P('Now that the case is being considered for a review, your agency must secure its records about the child and family '
      'to guard against loss or interference. Everything about the referral is {{ review.security_marking | default: '
      '"RESTRICTED" | lower }}.'),
    *SIGN_MANAGER,
    GAP(),
    P('Enclosure: the additional information form', italic=True),
])

LETTERS['incident-notification.docx'] = ('Ofsted told of a serious incident', [
    *ADDRESSEE(),
    DEAR,
    P('Notification of a serious incident: {{ the_children.pseudonyms }} ({{ review.reference }})', style='Subject'),
    P('I am writing, for {{ board.name }}, to notify you of a serious incident concerning '
      '{{ the_children.pseudonyms_and_what_happened }}. Abuse or neglect is {{ review.abuse_or_neglect }}.'),
    CHILDREN_TABLE,
    GAP(),
    P('{{ review.incident_summary | default: "" }}'),
    P('{% if review.dates.referral <= today %}The case was referred to the board on {{ review.dates.referral | date }}, '
      'and the{% else %}The case is being referred to the board, and the{% endif %} ' + GROUP + ' will consider whether a '
      '{{ guidance.review_name }} should be held under {{ guidance.citation }}. We will tell you of the decision and its '
      'reasons.'),
    P('Please contact {{ contacts.business_manager.name }} at {{ contacts.business_manager.email }} if you need anything more.'),
    *SIGN_MANAGER,
])

LETTERS['board-members-notification.docx'] = ('Notification of a new review to board members', [
    *ADDRESSEE(),
    DEAR,
    P('New {{ review.kind_name }}: {{ the_children.pseudonyms }} ({{ review.reference }})', style='Subject'),
    P('I am writing to let you know that, as Chair of {{ board.name }}, I have decided that a {{ review.kind_name }} will be '
      'held in respect of {{ the_children.pseudonyms_and_what_happened }}. ' + GUIDANCE),
    P('The case was referred to the board on {{ review.dates.referral | date }}. I made the decision on '
      '{{ review.dates.decision | date }}{% if review.decision.subgroup_meeting is defined %}, on the recommendation of the '
      + GROUP + ' of {{ review.decision.subgroup_meeting | date }}{% endif %}{% if review.decision.peer_challenge is defined %}'
      ' and after peer challenge from {{ review.decision.peer_challenge }}{% endif %}. The reasons for the decision are '
      'these:'),
    P('{{ review.decision.reasons }}'),
    P('{% if review.incident_summary is defined %}In brief: {{ review.incident_summary }}{% endif %}'),
    P(CHAIR_AND_AUTHOR + TOLD),
    P('The following agencies are asked to contribute:', keep_next=True),
    P('{% for a in agencies %}'),
    BULLET('{{ a.name }}: ' + CONTRIBUTION),
    P('{% endfor %}'),
    P('Please make sure that your organisation secures all its records about the child and family now, and that '
      'colleagues know the review is taking place. Everything about the review is {{ review.security_marking | default: '
      '"RESTRICTED" | lower }} and must not be shared beyond those who need to know.'),
    P('If you have any questions, please contact {{ contacts.business_manager.name }}, {{ contacts.business_manager.role '
      '| default: "Business Manager" }}, at {{ contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['agency-notification.docx'] = ('Notification of a review to an agency', [
    *TO_SENIOR_MANAGER(),
    DEAR_SENIOR_MANAGER,
    RE_CHILD,
    P('I am writing to tell you that I have agreed to commission a {{ review.kind_name }} in respect of '
      '{{ the_children.names_and_what_happened }}. ' + GUIDANCE + ' Our records show that {{ recipient.name }} has had '
      'involvement with the child or the family.'),
    P('The reasons for the decision are these: {{ review.decision.reasons }}'),
    P('Securing records', style='Heading1'),
    P('From the date you receive this letter, please make sure that every record your agency holds about '
      '{{ the_children.initials }} and the family, on paper and electronic, is secured so that nothing can be altered or '
      'lost. If the case is still open, take a full copy and secure the original. If neither the child nor the family is '
      'known to your agency, please tell ' + OFFICE + ' in writing.'),
    P('Your agency\'s contribution', style='Heading1'),
    P('{% if recipient.contribution is not defined or review.stage == "referred" or review.stage == "decided" %}'),
    P('Please tell ' + OFFICE + ' at ' + OFFICE_EMAIL + ' who will write the report for your agency{% if '
      'review.dates.nominations_due is defined %}, by {{ review.dates.nominations_due | date }}{% endif %}. The scoping '
      'meeting will agree what the review asks of each agency, and ' + OFFICE + ' will write to you with the request and '
      'its dates. The enclosed guidance describes who can be an author: someone senior, fair, with no involvement in the '
      'case and independent of its line management, and with the time to finish within the review\'s timescales.'),
    P('{% elif recipient.contribution == "agency-report" %}'),
    P('The review asks {{ recipient.name }} for an ' + REPORT_LONG + ' and a chronology. Please tell ' + OFFICE + ' at '
      + OFFICE_EMAIL + ' who will write the report for your agency{% if review.dates.nominations_due is defined %}, by '
      '{{ review.dates.nominations_due | date }}{% endif %}. The enclosed guidance describes who can be an author: '
      'someone senior, fair, with no involvement in the case and independent of its line management, and with the time '
      'to finish within the review\'s timescales.'),
    P('{% elif recipient.contribution == "statement-of-information" %}'),
    P('The review asks {{ recipient.name }} for a statement of information about its contact with the family. Please tell '
      '{{ contacts.business_manager.name }} ({{ contacts.business_manager.email }}) who will prepare it for your agency.'),
    P('{% else %}'),
    P('The review does not ask {{ recipient.name }} for a written report at present, but the panel may contact you for '
      'information as the review goes on.'),
    P('{% endif %}'),
    P('If you have any questions about the review, please contact {{ contacts.business_manager.name }} at '
      '{{ contacts.business_manager.email }}{% if contacts.business_manager.phone is defined %} or on '
      '{{ contacts.business_manager.phone }}{% endif %}.'),
    *SIGN_CHAIR,
    GAP(),
    P('Enclosure: guidance for agency report authors', italic=True),
    P('{% pagebreak %}Guidance for agency report authors', style='Heading1'),
    BULLET('The author is senior enough to work at every level of the agency, and represents the views of staff fairly.'),
    BULLET('The author has had no significant involvement in the case and does not manage anyone who did.'),
    BULLET('The author may see every record and speak to every member of staff involved; staff who ask to be '
           'interviewed are interviewed.'),
    BULLET('The author tells the staff involved why the report is being written and how the review works.'),
    BULLET('The author makes sure every file about the child is secured, so that nothing is altered or lost.'),
])

LETTERS['board-email-draft.docx'] = ('Draft e-mail to board members', [
    P('To: {{ recipient.name }} <{{ recipient.email }}>', style='Address'),
    P('From: {{ contacts.business_manager.name }}, {{ contacts.business_manager.role | default: "Business Manager" }}',
      style='Address'),
    P('Subject: New {{ review.kind_name }} ({{ review.reference }}): request for ' + REPORT + ' authors', style='Subject'),
    P('Dear {{ recipient.salutation | default: "Board Member" }},'),
    P('A new {{ review.kind_name }} has begun about {{ the_children.initials_and_what_happened }}. '
      + GUIDANCE),
    P('{% if review.decision.subgroup_meeting is defined %}On {{ review.decision.subgroup_meeting | date }} the{% else %}The'
      '{% endif %} ' + GROUP + ' considered the referral and the information agencies provided, and recommended a review. {{ panel.board_chair.name }}, {{ panel.board_chair.job_title }}, agreed on '
      '{{ review.dates.decision | date }}.'),
    P('{% if review.dates.scoping_meeting is defined %}The scoping meeting with the independent chair and the lead '
      'reviewer {% if review.dates.scoping_meeting <= today %}took place{% else %}will take place{% endif %} on '
      '{{ review.dates.scoping_meeting | date }}.{% endif %}'),
    P('{% if agencies | count > 0 %}These agencies are asked to contribute:{% endif %}', keep_next=True),
    P('{% for a in agencies %}'),
    BULLET('{{ a.name }}: ' + CONTRIBUTION),
    P('{% endfor %}'),
    P('Please nominate an ' + REPORT + ' author and tell the board office by {{ review.dates.nominations_due | date }} '
      '({{ contacts.business_manager.email }}). The author must be independent of the management of the case, have a '
      'strategic view of the organisation and be able to challenge it, have the time to support the review, and have good '
      'analytical skills.'),
    P('Once we have your nominations, each author will be invited to the briefing for authors and practitioners and sent '
      'the chronology template.'),
    P('With kind regards,'),
    P('{{ contacts.business_manager.name }}', style='Address'),
    P('{{ board.name }}', style='Address'),
])

LETTERS['practitioner-letter.docx'] = ('Agency report author to practitioners', [
    *address_block('{{ recipient.name }}', '{{ recipient.role }}', '{{ recipient.agency_name | default: "" }}', ''),
    P('Dear {{ recipient.name }},'),
    RE_CHILD,
    P('I am writing to let you know that {{ board.name }} has decided to hold a {{ review.kind_name }} of the case above, '
      'under {{ guidance.citation }}, and that I am preparing the report for {{ recipient.agency_name }}.'),
    P('Our records show that you had some involvement with the child or the family, so I would like to meet you to talk '
      'about it. The purpose of the review is to learn lessons, not to blame anyone.'),
    P('Notes will be taken at our meeting. I will send you the record of what you said so that you can check it and ask '
      'for any changes; once we agree that it is accurate, you will be asked to sign it to confirm this. You may bring a '
      'colleague or a trade union representative with you, to support you rather than to speak for you.'),
    P('While the review takes place, every record about the child must be kept secure. Please do not add to or change '
      'any record about the family, other than new events, and tell me if you hold notes of your own.'),
    P('The enclosed leaflet explains how the review works and what support is available to you. I will contact you soon '
      'to arrange a time. If you would like to talk before then, please get in touch.'),
    P('Yours sincerely'),
    GAP(), GAP(),
    P('{{ recipient.agency_report_author }}', style='Address'),
    P('Agency report author, {{ recipient.agency_name }}', style='Address'),
    GAP(),
    P('Enclosure: information leaflet for professionals involved in the review', italic=True),
])

LETTERS['imr-request.docx'] = ('Request for an agency report and chronology', [
    *TO_SENIOR_MANAGER(),
    DEAR_SENIOR_MANAGER,
    RE_CHILD,
    P('{{ board.name }} is holding a {{ review.kind_name }} in respect of {{ the_children.names_and_what_happened }}. '
      + GUIDANCE + ' {% if review.decision.subgroup_meeting is defined %}The ' + GROUP + ' considered the case on '
      '{{ review.decision.subgroup_meeting | date }}. {% endif %}The family details and the agreed focus of the review are '
      'in the enclosed terms of reference. I am writing to ask {{ recipient.name }} formally for its contribution.'),
    P('What we ask of your agency', style='Heading1'),
    P('{% if recipient.contribution == "agency-report" %}'),
    BULLET('A chronology of your agency\'s contact with the people below from {{ terms_of_reference.period.from | date }} '
           'to {{ terms_of_reference.period.to | date }}, on the enclosed template, by {{ review.dates.chronologies_due | '
           'date }}. Relevant information from before this period should be summarised.'),
    BULLET('An ' + REPORT_LONG + ' by {{ review.dates.agency_reports_due | date }}.'),
    P('{% else %}'),
    BULLET('A statement of information about your agency\'s contact with the people below from '
           '{{ terms_of_reference.period.from | date }} to {{ terms_of_reference.period.to | date }}, by '
           '{{ review.dates.agency_reports_due | date }}.'),
    P('{% if recipient.chronology.due is defined %}'),
    BULLET('A chronology of that contact, on the enclosed template, by {{ recipient.chronology.due | date }}.'),
    P('{% endif %}'),
    P('{% endif %}'),
    P('Where no member of the family is or has been known to your agency, a ' + WHAT + ' is still required to confirm '
      'this.{% if recipient.contribution == "agency-report" or recipient.chronology.due is defined %} The chronology is '
      'needed first, so that the agencies\' chronologies can be merged into one as early as possible.{% endif %}'),
    P('{% if terms_of_reference.staff_interviews == true %}The staff involved with the child and family should be '
      'interviewed for the ' + WHAT + '.{% elif terms_of_reference.staff_interviews == false %}The staff involved with the '
      'child and family should not be interviewed for the ' + WHAT + '.{% endif %}{% if review.criminal_proceedings == true %} '
      'Because of the criminal proceedings, please tell ' + OFFICE + ' at once which members of staff you wish to '
      'interview, so that each interview can be cleared with the senior investigating officer first.{% endif %}'),
    P('The people the review is about', style='Heading1'),
    ('table', [['Full name', 'Date of birth', 'Relationship', 'Address'],
               ['{% for k in children %}{{ k.name }}', '{{ k.date_of_birth | date }}', 'the child at the centre of the review',
                '{{ k.address | default: "" }}{% endfor %}'],
               ['{% for p in family %}{% if p.name is defined %}{{ p.name }}{% else %}{{ p.pseudonym }}{% endif %}'
                '{% if p.death.date is defined %} (died {{ p.death.date | date }}){% endif %}'
                '{% if p.pregnancy.expected is defined %} (expected {{ p.pregnancy.expected | date }}){% endif %}'
                '{% if p.pregnancy.date is defined %} ({{ p.pregnancy.outcome }}, {{ p.pregnancy.date | date }}){% endif %}',
                '{% if p.date_of_birth is defined %}{% if p.date_of_birth_approximate | default: "" == true %}about '
                '{{ p.date_of_birth | date: "%Y" }}{% else %}{{ p.date_of_birth | date }}{% endif %}{% endif %}',
                '{{ p.relationship }}', '{{ p.address | default: "" }}{% endfor %}']], [2600, 1700, 2500, 2600]),
    GAP(),
    P('The family\'s genogram', style='Heading1', keep_next=True),
    P('{% figure genogram width: 16cm %}', keep_next=True),
    P('The genogram shows the family as known to the board on {{ today | date }}, each person by the pseudonym your '
      + WHAT + ' must use for them. Section 2 of the ' + REPORT + ' format asks for a genogram of the family as known to '
      'your agency at the time; you may start from this one.', italic=True),
    P('Quality assurance and sign-off', style='Heading1'),
    P('Before it is submitted, the ' + WHAT + ' must be quality assured within your agency and signed off by you, as the '
      'agency\'s senior manager, to confirm that it reflects the views of the organisation and that the agreed format has '
      'been used. {% if recipient.panel_representative is defined %}{{ recipient.panel_representative }} represents your '
      'agency on the ' + PANEL + '.{% else %}Please also name a senior representative of your agency, with no direct '
      'knowledge of the case, to sit on the ' + PANEL + ', and tell ' + OFFICE + '.{% endif %}'),
    P('Sending your contribution', style='Heading1'),
    P('Please send {% if recipient.contribution == "agency-report" or recipient.chronology.due is defined %}the chronology '
      'and {% endif %}the ' + WHAT + ' by secure electronic means to ' + OFFICE + ' at ' + OFFICE_EMAIL + '. If '
      'your agency may not meet these dates, contact ' + OFFICE + ' immediately: delays in any agency\'s contribution delay '
      'the whole review, and the overview report will record them.'),
    P('Please tell {{ contacts.business_manager.name }} as soon as possible:', keep_next=True),
    BULLET('of anything your agency learns that could change the scope of the review, such as its period;'),
    BULLET('of any organisation not represented on the board that has been involved with the family;'),
    BULLET('of any other child or adult who becomes relevant to the review.'),
    P('The questions the review must answer', style='Heading1'),
    P('{% for q in terms_of_reference.focus_questions %}'),
    ('p', '{{ q }}', {'style': 'ListParagraph', 'num': 2}),
    P('{% endfor %}'),
    P('Panel meetings', style='Heading1'),
    P('The panel will meet on these dates{% if recipient.contribution == "agency-report" %}; the report\'s author will be '
      'invited to present the report{% endif %}:', keep_next=True),
    ('table', [['Date', 'Time', 'Venue', 'Purpose'],
               ['{% for m in panel.meetings %}{{ m.date | date }}', '{{ m.time | default: "" }}', '{{ m.venue | default: "" }}',
                '{{ m.purpose | default: "" }}{% endfor %}']], [2200, 1100, 3400, 2700]),
    GAP(),
    P('I recognise the work this asks of your agency, and thank you for it.'),
    *SIGN_MANAGER,
    GAP(),
    P('Enclosures: the terms of reference; guidance for the ' + REPORT + ' and its format; the chronology template and '
      'guidance on completing it; the information leaflet for professionals; guidance on interviewing staff{% if '
      'guidance.edition == "2006" or guidance.edition == "2010" %}; the Ofsted grade descriptors{% endif %}.', italic=True),
])

# The anonymisation key: 000 §2 ("the Administrator will provide a key reference with the IMR
# Request letter … to ensure that all family members are referred to in the same way"), 002 ("a
# coding schedule produced as part of the SCR Panel's Terms of Reference … used to anonymise all
# other SCR documents"). Restricted: it is the one document that links pseudonyms to people.
LETTERS['anonymisation-key.docx'] = ('Anonymisation key', [
    P('Anonymisation key (coding schedule): {{ review.reference }}', style='Subject'),
    P('{{ review.security_marking | default: "RESTRICTED" }}. This key links each pseudonym and role code the '
      'review\'s documents use to the real person or place. Every agency report, the chronologies, the overview report '
      'and the executive summary use the pseudonyms and role codes below, so that everyone is referred to in the same way. '
      'Keep the key with the review\'s restricted papers: never publish it, and never send it with an anonymised document.',
      italic=True),
    P('The family', style='Heading1'),
    ('table', [['Pseudonym', 'Real name', 'Relationship to the child', 'Date of birth'],
               ['{% for k in children %}{{ k.pseudonym }}', '{{ k.name }}', 'the child at the centre of the review',
                '{{ k.date_of_birth | date }}{% endfor %}'],
               ['{% for p in family %}{{ p.pseudonym }}', '{{ p.name | default: "(not named: a pregnancy)" }}',
                '{{ p.relationship }}', '{% if p.date_of_birth is defined %}{% if p.date_of_birth_approximate | default: "" == true %}'
                'about {{ p.date_of_birth | date: "%Y" }}{% else %}{{ p.date_of_birth | date }}{% endif %}{% endif %}'
                '{% endfor %}']], [1900, 2700, 3000, 1800]),
    GAP(),
    P('{% if professionals is defined %}'),
    P('Professionals', style='Heading1'),
    ('table', [['Role code', 'Name', 'Role', 'Agency'],
               ['{% for p in professionals %}{{ p.role_code }}', '{{ p.name }}', '{{ p.role | default: "" }}',
                '{{ p.agency | default: "" }}{% endfor %}']], [1500, 2900, 3300, 1700]),
    GAP(),
    P('{% endif %}'),
    P('{% if places is defined %}'),
    P('Places', style='Heading1'),
    ('table', [['Pseudonym', 'Real name', 'Kind'],
               ['{% for p in places %}{{ p.pseudonym }}', '{{ p.name }}', '{{ p.kind | default: "" }}{% endfor %}']],
     [3000, 4200, 2200]),
    GAP(),
    P('{% endif %}'),
    P('Prepared by {{ contacts.administrator.name | default: contacts.business_manager.name }} for {{ board.name }} on '
      '{{ today | date }}.'),
])

LETTERS['coroner-letter.docx'] = ('Letter to the Coroner', [
    *ADDRESSEE(),
    DEAR,
    RE_CHILD,
    P('I am writing to tell you that {{ board.name }} has decided to hold a {{ review.kind_name }} following the '
      '{% if review.incident_kind == "death" %}death of {{ child.name }} on {{ child.death.date | date }}{% else %}serious '
      'harm of {{ child.name }} on {{ review.dates.incident | date }}{% endif %}. ' + GUIDANCE),
    P('A review looks at how agencies worked together to safeguard the child, so that lessons can be learnt. It does not '
      'decide {% if review.incident_kind == "death" %}how the child died or who was responsible; those are matters for '
      'your inquest and for any criminal proceedings{% else %}how the child was harmed or who was responsible; those are '
      'matters for any criminal proceedings{% endif %}, and the review will take care not to prejudice them.'),
    P('The review expects to finish by {{ deadlines.completion.due | date }}. We would be grateful to know of any '
      'inquest dates, and whether you would like to receive the overview report when it is complete. With your agreement '
      'the panel will share information with your office as the review goes on.'),
    P('If you have any questions, please contact {{ contacts.business_manager.name }} at {{ contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['cps-letter.docx'] = ('Letter to the Crown Prosecution Service', [
    *ADDRESSEE(),
    DEAR,
    RE_CHILD,
    P('{{ board.name }} has decided to hold a {{ review.kind_name }} in respect of {{ the_children.names }}. ' + GUIDANCE + ' We '
      'understand that criminal proceedings {% if review.criminal_proceedings == true %}are under way{% else %}may '
      'follow{% endif %}, and I am writing so that the review and any prosecution do not '
      'get in each other\'s way.'),
    P('The review will look at how agencies worked with the family before {{ review.dates.incident | date }}. Its panel '
      'would like to agree with you:', keep_next=True),
    BULLET('whether the review may interview practitioners and family members before any trial, and on what terms;'),
    BULLET('how documents produced by the review will be disclosed, if they are requested;'),
    BULLET('when the review\'s report can be published without prejudice to proceedings.'),
    P('The review is due to finish by {{ deadlines.completion.due | date }}. Please contact {{ contacts.business_manager.name }} '
      'at {{ contacts.business_manager.email }} to discuss these points.'),
    *SIGN_CHAIR,
])

LETTERS['family-letter.docx'] = ('Letter to the family', [
    *address_block('{{ recipient.name }}', '', '', '{{ recipient.address }}'),
    DEAR,
    P('I am writing to you about {{ the_children.names }}. I am very sorry for what has happened to your family.'),
    P('When a child {% if review.incident_kind == "death" %}dies{% else %}is seriously harmed{% endif %} and there are '
      'concerns about how the services involved worked together, {{ board.name }} holds a review, as the government\'s '
      'guidance, {{ guidance.citation }}, asks. I am writing to confirm that a {{ review.kind_name }} is taking place.'),
    P('Its purpose is to learn how services can work better to protect children. It is not about blaming anyone, and it '
      'does not decide how events happened or who is responsible; those are matters for other processes.'),
    P('{% if recipient.visit is defined %}'),
    P('{{ recipient.visit.by }} will visit you on {{ recipient.visit.date | date: "%A %-d %B %Y" }}'
      '{% if recipient.visit.time is defined %} at {{ recipient.visit.time }}{% endif %}{% if recipient.visit.worker is '
      'defined %}, together with {{ recipient.visit.worker }}{% endif %}, to explain the review and '
      'to hear your views. You are welcome to have someone with you.'),
    P('{% else %}'),
    P('We would very much like to hear from you. Your views about the services you and {{ the_children.names }} received would help '
      'the review understand what happened and what should change. {% if panel.author is defined %}{{ panel.author.name }}, '
      'the independent author of the review, would be glad to meet you{% else %}The review would be glad to meet you{% endif %} '
      'at a time and place that suits you; you are welcome to bring someone with you.'),
    P('{% endif %}'),
    P('You do not have to take part, and you can tell us at any time if you would rather not. Before the review\'s report '
      'is published, we will offer to share its findings with you.'),
    P('If you would like to talk about this, please contact {{ contacts.business_manager.name }} on '
      '{{ contacts.business_manager.phone | default: contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['referrer-outcome.docx'] = ('Outcome of a referral', [
    *ADDRESSEE(),
    DEAR,
    RE_CHILD,
    P('Thank you for referring this case to {{ board.name }} on {{ review.dates.referral | date }}. The ' + GROUP + ' '
      'considered your referral and the information provided by the agencies involved, and made its recommendation to me.'),
    P('Decision', style='Heading1'),
    P('On {{ review.dates.decision | date }} I decided that {{ review.decision.decided }}.'),
    P('The reasons for the decision', style='Heading1'),
    P('{{ review.decision.reasons }}'),
    P('What happens next', style='Heading1'),
    P('{% if review.track == "review" %}'),
    P(GUIDANCE + ' {% if panel.chair is defined and ' + SCOPED + ' %}It will be chaired by {{ panel.chair.name }}. {% endif %}'
      '{% if terms_of_reference.period is defined and ' + SCOPED + ' %}Its terms of reference ask how agencies worked together from '
      '{{ terms_of_reference.period.from | date }} to {{ terms_of_reference.period.to | date }}.{% else %}Its terms of '
      'reference will be agreed at the scoping meeting, and will start from the concerns in your referral.{% endif %}'
      + TOLD + ' Your agency will be asked for its contribution shortly.'),
    P('{% elif review.track == "alternative" %}'),
    P('The {{ review.kind_name }} will be arranged through the board office, which will write to the agencies involved '
      'about its scope, its method and its timescale. Your agency may be asked to contribute. The decision was made under '
      '{{ guidance.citation }}.'),
    P('{% elif review.track == "awaiting-information" %}'),
    P('The board office is gathering further information from the agencies involved. I will write to you again as soon '
      'as the decision is made.'),
    P('{% else %}'),
    P('No review will be held under {{ guidance.citation }}. The reasons have been recorded on the referral{% if '
      'review.dates.decision_notified is defined and review.dates.decision_notified <= today %} and sent to '
      '{{ guidance.decision_bodies }} on {{ review.dates.decision_notified | date }}{% endif %}.'),
    P('{% endif %}'),
    P('Thank you for raising your concerns. If you would like to discuss the decision, please contact '
      '{{ contacts.business_manager.name }} at {{ contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['decision-notice.docx'] = ('Notice of the decision to Ofsted and the national bodies', [
    *ADDRESSEE(),
    DEAR,
    P('Decision on a referral: {{ the_children.pseudonyms }} ({{ review.reference }})', style='Subject'),
    P('I am writing, as Chair of {{ board.name }}, to tell you of my decision on the referral of '
      '{{ the_children.pseudonyms_and_what_happened }}, where abuse or '
      'neglect is {{ review.abuse_or_neglect }}. {% if review.dates.ofsted_notified is defined %}Ofsted was told of the '
      'incident on {{ review.dates.ofsted_notified | date }}. {% endif %}The case was referred to the board on '
      '{{ review.dates.referral | date }}.'),
    CHILDREN_TABLE,
    GAP(),
    P('On {{ review.dates.decision | date }} I decided that {{ review.decision.decided }}{% if '
      'review.decision.subgroup_meeting is defined %}, on the recommendation of the ' + GROUP + ' of '
      '{{ review.decision.subgroup_meeting | date }}{% endif %}. ' + GUIDANCE),
    P('The reasons for the decision', style='Heading1'),
    P('{{ review.decision.reasons }}'),
    P('{% if review.track == "review" %}'),
    P('What happens next', style='Heading1'),
    P(CHAIR_AND_AUTHOR + ' The review is due to be completed by {{ deadlines.completion.due | date }}.'),
    P('{% endif %}'),
    P('Please contact {{ contacts.business_manager.name }} at {{ contacts.business_manager.email }} if you need anything more.'),
    *SIGN_CHAIR,
])

LETTERS['no-review-notice.docx'] = ('Notice that no review will be held, with the reasons', [
    *ADDRESSEE(),
    DEAR,
    P('No {{ review.kind_name }}: {{ the_children.pseudonyms }} ({{ review.reference }})', style='Subject'),
    P('I am writing, as Chair of {{ board.name }}, about {{ the_children.pseudonyms_and_what_happened }}. The case was '
      'referred to the board on {{ review.dates.referral | date }}.'),
    CHILDREN_TABLE,
    GAP(),
    P('On {{ review.dates.decision | date }} I decided that {{ review.decision.decided }}{% if '
      'review.decision.subgroup_meeting is defined %}, on the recommendation of the ' + GROUP + ' of '
      '{{ review.decision.subgroup_meeting | date }}{% endif %}, and that no review will be held under '
      '{{ guidance.citation }}.'),
    P('The reasons for the decision', style='Heading1'),
    P('{{ review.decision.reasons }}'),
    P('{% if review.decision.alternatives_considered is defined %}'),
    P('The alternatives considered', style='Heading1'),
    P('{{ review.decision.alternatives_considered }}'),
    P('{% endif %}'),
    P('I would be glad to explain the decision further. Please contact {{ contacts.business_manager.name }} at '
      '{{ contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['reviewers-notice.docx'] = ('The names of the reviewers to the National Panel', [
    *ADDRESSEE(),
    DEAR,
    P('The reviewers of {{ review.kind_name }} {{ review.reference }} ({{ the_children.pseudonyms }})', style='Subject'),
    P('{{ board.name }} decided on {{ review.dates.decision | date }} to hold a {{ review.kind_name }} in respect of '
      '{{ the_children.pseudonyms }}. ' + GUIDANCE + ' I am writing to give you the names and qualifications of the independent '
      'people the board has appointed to conduct it.'),
    ('table', [['Role', 'Name', 'Qualifications and experience'],
               ['Chair of the review panel', '{{ panel.chair.name }}, {{ panel.chair.job_title }}, {{ panel.chair.organisation }}',
                '{{ panel.chair.qualifications | default: "" }}'],
               ['Overview author', '{{ panel.author.name }}, {{ panel.author.job_title }}, {{ panel.author.organisation }}',
                '{{ panel.author.qualifications | default: "" }}']],
     [2200, 3400, 3800]),
    GAP(),
    P('The overview author\'s independence: {{ panel.author.independence }}'),
    P('We would welcome any advice the panel has about these appointments. Please contact '
      '{{ contacts.business_manager.name }} at {{ contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['pre-publication-notice.docx'] = ('The National Panel told before publication', [
    *ADDRESSEE(),
    DEAR,
    P('Publication of {{ review.kind_name }} {{ review.reference }} ({{ the_children.pseudonyms }})', style='Subject'),
    P('{{ board.name }} completed the {{ review.kind_name }} in respect of {{ the_children.pseudonyms }} on '
      '{{ review.dates.completion | date }}. I am writing, at least one week before publication as {{ guidance.citation }} '
      'asks, to tell you that the board intends to publish the report on its website on '
      '{{ review.dates.publication | date }}.'),
    P('I enclose copies of the overview report and the executive summary as they will be published. Please contact '
      '{{ contacts.business_manager.name }} at {{ contacts.business_manager.email }} if the panel has any advice before '
      'then.'),
    *SIGN_CHAIR,
    GAP(),
    P('Enclosures: the overview report; the executive summary', italic=True),
])

LETTERS['other-boards-letter.docx'] = ('Letter to another area\'s board whose agencies were involved', [
    *ADDRESSEE(),
    DEAR,
    RE_CHILD,
    P('{{ board.name }} has decided to hold a {{ review.kind_name }} in respect of '
      '{{ the_children.pseudonyms_and_what_happened }}. ' + GUIDANCE),
    P('We understand that agencies in your area have been involved with the child or the family. I would be grateful if '
      'you could send {{ contacts.business_manager.name }} ({{ contacts.business_manager.email }}) the contact details of '
      'those agencies, so that the review can ask them to secure their records and contribute, and tell us who in your '
      'board will be our contact as the review goes on.'),
    *SIGN_CHAIR,
])

LETTERS['decision-to-agencies.docx'] = ('The agencies told of a decision other than a review, with its reasons', [
    *TO_SENIOR_MANAGER(),
    DEAR_SENIOR_MANAGER,
    RE_CHILD,
    P('Thank you for the information {{ recipient.name }} gave the ' + GROUP + ' about this referral. On '
      '{{ review.dates.decision | date }} I decided that {{ review.decision.decided }}. The decision was made under '
      '{{ guidance.citation }}, and these are its reasons:'),
    P('{{ review.decision.reasons }}'),
    P('{% if review.track == "no-review" %}'),
    P('No review will be held.{% if review.decision.alternatives_considered is defined %} The alternatives considered, and '
      'why they were not chosen: {{ review.decision.alternatives_considered }}{% endif %}'),
    P('{% elif review.decision.alternative == "c" %}'),
    P('The ' + GROUP + ' will set the scope, the terms of reference and the timescale of the learning review and appoint '
      'its facilitator. {{ recipient.name }} will be asked for a chronology of its contact with the child and family (rather '
      'than a detailed management report), and the practitioners and managers involved will be invited to a learning '
      'event.'),
    P('{% elif review.decision.alternative == "d" %}'),
    P('The ' + GROUP + ' will appoint a lead reviewer and, with them, set the terms of reference, the timescales and the '
      'method of the review. The lead reviewer will tell {{ recipient.name }} what information it is asked to provide.'),
    P('{% elif review.decision.alternative == "e" %}'),
    P('I am writing to ask {{ recipient.name }} to hold a single-agency review of its work with the child and family. You '
      'may choose its method (for example a root cause analysis or an internal management review); please tell me and the '
      + GROUP + ' which method you will use and its timescale, and share its findings and learning with us when it is '
      'complete.'),
    P('{% elif review.decision.alternative == "f" %}'),
    P('The board\'s quality assurance subgroup will hold a multi-agency audit of the case, hearing the voice of the child '
      'and of the practitioners. {{ recipient.name }} will be asked for the records it needs.'),
    P('{% elif review.decision.alternative == "g" %}'),
    P('I am writing to ask {{ recipient.name }} to audit its practice in this case and to report its findings to the '
      'board\'s quality assurance subgroup.'),
    P('{% endif %}'),
    P('Please make sure that every record your agency holds about the child and family is secured. All correspondence '
      'about this referral goes through the board office: please contact {{ contacts.business_manager.name }} at '
      '{{ contacts.business_manager.email }}.'),
    *SIGN_CHAIR,
])

LETTERS['extension-request.docx'] = ('Request to extend the timescale of a review', [
    *address_block('{{ recipient.name }}', '', '{{ recipient.organisation | default: "" }}',
                   '{{ recipient.address | default: "" }}'),
    DEAR,
    P('Request for an extension: {{ review.kind_name }} {{ review.reference }} ({{ the_children.pseudonyms }})', style='Subject'),
    P('{{ board.name }} decided on {{ review.dates.decision | date }} to hold this review. ' + GUIDANCE + ' Under our '
      'procedures it is due to be completed by {{ deadlines.completion.statutory_due | date }} '
      '({{ deadlines.completion.rule }}). I am writing to ask {{ guidance.extension_agreed_by }} to agree in writing that it be completed by '
      '{{ review.extension.proposed_date | date }} instead.{% if deadlines.completion.note is defined %} I am sorry that '
      'this request comes after that date.{% endif %}'),
    P('Why the review needs more time', style='Heading1'),
    P('{{ review.extension.reasons }}'),
    P('Progress so far', style='Heading1'),
    P('{{ review.extension.progress }}'),
    P('The extension is needed to complete an effective review that leads to good outcomes for children. While the review '
      'continues, the panel is capturing the improvements it has already identified and agencies are '
      'acting on them, so that learning is not delayed by the extension.'),
    P('Please contact {{ contacts.business_manager.name }} at {{ contacts.business_manager.email }} if you need anything '
      'more.'),
    *SIGN_CHAIR,
])

LETTERS['debrief-invitation.docx'] = ('Invitation to the debrief', [
    *address_block('{{ recipient.name }}', '{{ recipient.role }}', '', ''),
    P('Dear Colleague,'),
    P('Invitation: debrief on the {{ review.kind_name }} {{ review.reference }}', style='Subject'),
    P('The {{ review.kind_name }} in respect of {{ the_children.pseudonyms }} is complete.{% if recipient.interviewed | '
      'default: "" == true %} Thank you for your contribution to it.{% endif %}'),
    P('{{ board.name }} invites you to a debrief for the practitioners and managers involved, where the independent '
      'author will share the review\'s findings and recommendations before they are published:'),
    ('table', [['When', 'Where'],
               ['{{ review.debrief.date | date: "%A %-d %B %Y" }}{% if review.debrief.time is defined %}, '
                '{{ review.debrief.time }}{% endif %}', '{{ review.debrief.venue }}']], [4500, 4500]),
    GAP(),
    P('The executive summary is enclosed so that you can read it beforehand. The findings are confidential until '
      'publication. Please tell ' + OFFICE + ' by e-mail (' + OFFICE_EMAIL + ') whether you can attend, and let us know of '
      'anything that would help you take part.'),
    *SIGN_MANAGER,
    GAP(),
    P('Enclosure: the executive summary (confidential until publication)', italic=True),
])

LETTERS['agency-debrief-invitation.docx'] = ('Invitation to the agencies to the debrief, with a reply slip', [
    *TO_SENIOR_MANAGER(),
    DEAR_SENIOR_MANAGER,
    P('Debrief on the {{ review.kind_name }} {{ review.reference }} ({{ the_children.pseudonyms }})', style='Subject'),
    P('The {{ review.kind_name }} in respect of {{ the_children.pseudonyms }} has been completed. Following its completion, and '
      'before the overview report and the executive summary are published, the practitioners directly involved in the '
      'case are invited to a debrief, where the independent author will share what the review found and what it '
      'recommends.'),
    ('table', [['Date', 'Time', 'Venue'],
               ['{{ review.debrief.date | date: "%A %-d %B %Y" }}', '{{ review.debrief.time | default: "" }}',
                '{{ review.debrief.venue }}']], [3200, 1600, 4600]),
    GAP(),
    P('Please make sure that the members of your staff involved in the case are told of the debrief{% if recipient.author '
      'is defined %}, including the author of your {{ board.terms.agency_report_long | default: "agency report" }}{% endif %}. '
      'Those attending will be sent a copy of the '
      'executive summary in advance; it is confidential until publication.'),
    P('Please complete the slip below to say which practitioners will attend, and return it to ' + OFFICE + ' ('
      + OFFICE_EMAIL + ').'),
    *SIGN_MANAGER,
    P('{% pagebreak %}Reply slip: debrief on {{ review.reference }}', style='Heading1'),
    P('Agency: {{ recipient.name }}'),
    P('Please return to: ' + OFFICE + ', {{ board.name }}, ' + OFFICE_EMAIL),
    ('table', [['Name', 'Job title', 'Will attend (yes / no)'], ['', '', ''], ['', '', ''], ['', '', ''], ['', '', '']],
     [3600, 3600, 2200]),
    GAP(),
    P('Completed by: ______________________________    Date: ______________'),
])


def main():
    for i, (name, (title, body)) in enumerate(sorted(LETTERS.items())):
        build(name, title, body, 1000 + 17 * i)
        print('wrote', os.path.join('templates/letters', name))


if __name__ == '__main__':
    main()
