#!/usr/bin/env python3
"""Makes the sample case's agency chronology RETURNS: each agency's entries from case.yaml written
back as that agency would really have sent them to the board, in the tool it uses, with the quirks
that tool leaves behind; and broken/, small returns with one fault each. README.md describes
every file.

    python3 samples/child-a/returns/make-returns.py           # write the returns
    python3 samples/child-a/returns/make-returns.py --check   # and check them (well-formed XML,
                                                              # encodings, entry counts, and that a
                                                              # second build is byte-identical)

Reads case.yaml (chronology.entries, agencies, child, family) and templates/chronology/columns.yaml
(the headings, copied exactly). Python 3 standard library and PyYAML only. Deterministic: every
zip entry is dated 2025-03-28 10:00, so running it again gives byte-identical files.
"""
import datetime
import io
import os
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape as _escape

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CASE_DIR = os.path.abspath(os.path.join(HERE, '..'))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
CASE_FILE = os.path.join(CASE_DIR, 'case.yaml')
COLUMNS_FILE = os.path.join(ROOT, 'templates', 'chronology', 'columns.yaml')
ZIP_TIME = (2025, 3, 28, 10, 0, 0)

MONTHS = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']
NBSP = '\u00a0'


def esc(text):
    return _escape(text)


def attr(text):
    return _escape(text, {'"': '&quot;'})


# --------------------------------------------------------------------------------------------------
# The case and the column sets

CASE_TEXT = open(CASE_FILE, encoding='utf-8').read()
CASE = yaml.safe_load(CASE_TEXT)
SETS = yaml.safe_load(open(COLUMNS_FILE, encoding='utf-8'))['sets']
CHRONOLATOR = SETS['chronolator']['columns']
ENFIELD = SETS['enfield']
HEADINGS = [c['heading'] for c in CHRONOLATOR]
ENTRIES = CASE['chronology']['entries']
AGENCIES = {a['abbreviation']: a for a in CASE['agencies']}
CHILD = CASE['child']
PEOPLE = {CHILD['id']: CHILD}
for person in CASE.get('family', []):
    PEOPLE[person['id']] = person
PERIOD = CASE['terms_of_reference']['period']


def as_date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def age_at(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def dmy(d):
    """As a Word or Excel user in the UK writes it: 06/11/2023."""
    return '%02d/%02d/%04d' % (d.day, d.month, d.year)


def long_date(d, space=' '):
    """6 November 2023."""
    return '%d%s%s%s%d' % (d.day, space, MONTHS[d.month], space, d.year)


def row_for(entry):
    """An entry as a Chronolator row's values, by the case file's field names."""
    date = as_date(entry['date'])
    subjects = ', '.join(PEOPLE[s]['pseudonym'] for s in entry.get('subjects', []))
    age = ''
    if CHILD['id'] in entry.get('subjects', []):
        age = str(age_at(as_date(CHILD['date_of_birth']), date))
    seen = ''
    if 'child_seen' in entry:
        seen = 'Y' if entry['child_seen'] else 'N'
    comment = entry.get('comment', '')
    if entry.get('time_estimated'):
        # Chronolator: "Please clearly mark in the comments field if the time is an estimate."
        comment = ('Time estimated. ' + comment).strip()
    return {
        'date': date,
        'date_estimated': bool(entry.get('date_estimated')),
        'time': entry.get('time', ''),
        'agency': entry['agency'],
        'subjects': subjects,
        'age': age,
        'child_seen': seen,
        'source': entry.get('source', ''),
        'event': entry.get('event', ''),
        'response': entry.get('response', ''),
        'comment': comment,
        'contact_type': entry.get('contact_type', ''),
    }


def rows_of(agency):
    return [row_for(e) for e in ENTRIES if e['agency'] == agency]


def author_of(agency):
    a = AGENCIES[agency]
    who = a.get('author') or a.get('senior_manager') or {}
    return who.get('name', '')


def completed_on(agency):
    return as_date(AGENCIES[agency]['chronology']['received'])


def event_one_line(row):
    """Event and response in one spreadsheet cell, on one line."""
    if row['response']:
        return row['event'] + ' Response: ' + row['response']
    return row['event']


def chronolator_values(row, date_text, event_text):
    """The row's cells in the order of the Chronolator columns in columns.yaml."""
    out = []
    for col in CHRONOLATOR:
        f = col['field']
        if f == 'date':
            out.append(date_text)
        elif f == 'event':
            out.append(event_text)
        else:
            out.append(row[f])
    return out


def smart(text):
    """Word's AutoFormat as you type: straight quotes become curly ones."""
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ' '
        closing = prev.isalnum() or prev in '.,;:!?)'
        if ch == "'":
            out.append('\u2019' if closing else '\u2018')
        elif ch == '"':
            out.append('\u201d' if closing else '\u201c')
        else:
            out.append(ch)
    return ''.join(out)


# --------------------------------------------------------------------------------------------------
# Zip packages

def package(parts):
    """parts: [(name, bytes or str)] in the order Office writes them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for name, data in parts:
            if isinstance(data, str):
                data = data.encode('utf-8')
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data)
    return buf.getvalue()


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def rels(items):
    body = ''.join('<Relationship Id="%s" Type="%s" Target="%s"/>' % (i, t, attr(target))
                   for i, t, target in items)
    return XML_DECL + '<Relationships xmlns="%s">%s</Relationships>' % (REL_NS, body)


def core_xml(creator, modified_by, created, modified, revision, title=''):
    return (XML_DECL +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:subject></dc:subject><dc:creator>%s</dc:creator><cp:keywords></cp:keywords>'
            '<dc:description></dc:description><cp:lastModifiedBy>%s</cp:lastModifiedBy>%s'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>'
            % (esc(title), esc(creator), esc(modified_by),
               '<cp:revision>%d</cp:revision>' % revision if revision else '', created, modified))


# --------------------------------------------------------------------------------------------------
# WordprocessingML, as Word writes it

W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:o="urn:schemas-microsoft-com:office:office"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:w10="urn:schemas-microsoft-com:office:word"'
        ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
        ' xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
        ' mc:Ignorable="w14 w15"')

PAGE_W, PAGE_H = 16838, 11906  # A4 landscape, twentieths of a point


class Word:
    """Writes the body of one Word document. A profile says how its author's Word behaves:

        rsids     the editing sessions' ids (Word stamps runs and paragraphs with them)
        split     runs split mid-word, as Word leaves them after edits across sessions
        proof     words Word marked as misspelt (w:proofErr around them)
        font      (name, half-points) set on every run by hand ("select all, Arial 9"), or None
        lang      the language on every run (the text typed with a UK keyboard in a US template)
        smart     straight quotes typed become curly ones
    """

    def __init__(self, rsids, split=False, proof=(), font=None, lang='en-GB', smart=False, seed=0):
        self.rsids = rsids
        self.split = split
        self.proof = tuple(proof)
        self.font = font
        self.lang = lang
        self.smart = smart
        self.n = seed  # paragraphs written, for w14:paraId

    def rsid(self, key):
        return self.rsids[zlib.crc32(key.encode('utf-8')) % len(self.rsids)]

    def rpr(self, bold=False, italic=False, size=None):
        parts = []
        if self.font:
            parts.append('<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:cs="{0}"/>'.format(self.font[0]))
        if bold:
            parts.append('<w:b/><w:bCs/>')
        if italic:
            parts.append('<w:i/><w:iCs/>')
        sz = size or (self.font[1] if self.font else None)
        if sz:
            parts.append('<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (sz, sz))
        if self.lang:
            parts.append('<w:lang w:val="%s"/>' % self.lang)
        return '<w:rPr>%s</w:rPr>' % ''.join(parts) if parts else ''

    @staticmethod
    def t(text):
        space = ' xml:space="preserve"' if text != text.strip() or '  ' in text else ''
        return '<w:t%s>%s</w:t>' % (space, esc(text))

    def run(self, text, rsid=None, **fmt):
        """One run; a line break in the text is a w:br inside it."""
        pieces = text.split('\n')
        inner = '<w:br/>'.join(self.t(p) for p in pieces)
        r = ' w:rsidRPr="%s"' % rsid if rsid else ''
        return '<w:r%s>%s%s</w:r>' % (r, self.rpr(**fmt), inner)

    def split_points(self, text):
        """Where Word split this text into runs (none, or one mid-word)."""
        if not self.split or len(text) < 8:
            return []
        if text.startswith('Child A'):
            return [2]  # <w:t>Ch</w:t> … <w:t>ild A</w:t>
        crc = zlib.crc32(text.encode('utf-8'))
        if crc % 3 == 0:
            return []
        inside = [i for i in range(1, len(text)) if text[i - 1].isalpha() and text[i].isalpha()]
        if not inside:
            return []
        return [inside[crc % len(inside)]]

    def runs(self, text, **fmt):
        if self.smart:
            text = smart(text)
        if text == '':
            return ''
        # the words Word marked as misspelt get their own runs between w:proofErr marks
        segments = [(text, False)]
        for word in self.proof:
            out = []
            for seg, marked in segments:
                if marked or word not in seg:
                    out.append((seg, marked))
                    continue
                before, _, after = seg.partition(word)
                if before:
                    out.append((before, False))
                out.append((word, True))
                if after:
                    out.append((after, False))
            segments = out
        xml = []
        for seg, marked in segments:
            if marked:
                xml.append('<w:proofErr w:type="spellStart"/>%s<w:proofErr w:type="spellEnd"/>'
                           % self.run(seg, self.rsid(seg) if self.split else None, **fmt))
                continue
            cuts = [0] + self.split_points(seg) + [len(seg)]
            for a, b in zip(cuts, cuts[1:]):
                piece = seg[a:b]
                xml.append(self.run(piece, self.rsid(piece + str(a)) if self.split else None, **fmt))
        return ''.join(xml)

    def p(self, content='', ppr='', key='', mark=None):
        """A paragraph of ready-made runs. `mark` formats the paragraph mark (its rPr)."""
        self.n += 1
        para_id = '%08X' % ((self.n * 2654435761 + 0x1F2E3D) & 0x7FFFFFFF)
        rs = self.rsid(key + str(self.n))
        mark_rpr = self.rpr(**(mark or {}))
        ppr_xml = ppr + mark_rpr
        ppr_xml = '<w:pPr>%s</w:pPr>' % ppr_xml if ppr_xml else ''
        head = '<w:p w14:paraId="%s" w14:textId="77777777" w:rsidR="%s" w:rsidRDefault="%s"' % (
            para_id, rs, self.rsids[0])
        if not ppr_xml and not content:
            return head + '/>'
        return head + '>' + ppr_xml + content + '</w:p>'

    def para(self, text, ppr='', **fmt):
        return self.p(self.runs(text, **fmt), ppr=ppr, key=text, mark=fmt or None)

    def label_para(self, label, value, value_xml=None):
        """'Agency: Children's Social Care (CSC)': the label bold, the value typed after it."""
        content = self.runs(label, bold=True) + (value_xml if value_xml is not None else self.runs(value))
        return self.p(content, key=label + value)

    def cell(self, width, paragraphs, tcpr='', gridspan=1, vmerge=None, shade=None):
        props = '<w:tcW w:w="%d" w:type="dxa"/>' % width
        if gridspan > 1:
            props += '<w:gridSpan w:val="%d"/>' % gridspan
        if vmerge == 'restart':
            props += '<w:vMerge w:val="restart"/>'
        elif vmerge == 'continue':
            props += '<w:vMerge/>'
        if shade:
            props += '<w:shd w:val="clear" w:color="auto" w:fill="%s"/>' % shade
        props += tcpr
        body = ''.join(paragraphs) if paragraphs else self.p()
        return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (props, body)

    def row(self, cells, header=False, key=''):
        self.n += 1
        para_id = '%08X' % ((self.n * 2654435761 + 0x5A5A5) & 0x7FFFFFFF)
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if header else ''
        rs = self.rsid('row' + key + str(self.n))
        return '<w:tr w:rsidR="%s" w:rsidTr="%s" w14:paraId="%s" w14:textId="77777777">%s%s</w:tr>' % (
            rs, self.rsids[0], para_id, trpr, ''.join(cells))

    @staticmethod
    def table(grid, rows, width=None, layout_fixed=False, style='TableGrid'):
        total = width or sum(grid)
        tblpr = ('<w:tblPr><w:tblStyle w:val="%s"/><w:tblW w:w="%d" w:type="dxa"/>' % (style, total) +
                 ('<w:tblLayout w:type="fixed"/>' if layout_fixed else '') +
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"'
                 ' w:noHBand="0" w:noVBand="1"/></w:tblPr>')
        gridxml = '<w:tblGrid>%s</w:tblGrid>' % ''.join('<w:gridCol w:w="%d"/>' % g for g in grid)
        return '<w:tbl>' + tblpr + gridxml + ''.join(rows) + '</w:tbl>'


def sect_pr(word, margins, header_rid=None):
    href = '<w:headerReference w:type="default" r:id="%s"/>' % header_rid if header_rid else ''
    return ('<w:sectPr w:rsidR="%s" w:rsidSect="%s">%s<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>'
            '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="709" w:footer="709" w:gutter="0"/>'
            '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
            % (word.rsids[0], word.rsids[0], href, PAGE_W, PAGE_H, margins, margins, margins, margins))


def styles_xml(default_font='Calibri', default_size=22, default_lang='en-US'):
    return (XML_DECL +
            '<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="Times New Roman"/>'
            '<w:sz w:val="{s}"/><w:szCs w:val="{s}"/><w:lang w:val="{l}" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
            '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>'
            '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
            '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>'
            '<w:semiHidden/><w:unhideWhenUsed/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
            '<w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>'
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>'
            '</w:styles>').format(f=default_font, s=default_size, l=default_lang)


def settings_xml(rsids):
    return (XML_DECL +
            '<w:settings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
            ' xmlns:o="urn:schemas-microsoft-com:office:office"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
            ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word"'
            ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
            ' xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">'
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/></w:compat>'
            '<w:rsids><w:rsidRoot w:val="%s"/>%s</w:rsids>'
            '<w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
            % (rsids[0], ''.join('<w:rsid w:val="%s"/>' % r for r in sorted(rsids))))


def header_part(marking, font=None):
    rfonts = '<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:cs="{0}"/>'.format(font) if font else ''
    return (XML_DECL + '<w:hdr %s><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>%s<w:b/><w:bCs/></w:rPr>'
            '<w:t>%s</w:t></w:r></w:p></w:hdr>' % (W_NS, rfonts, esc(marking)))


def app_xml_word(text, pages, company):
    words = len(text.split())
    chars = len(text.replace(' ', ''))
    return (XML_DECL +
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
            ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Template>Normal.dotm</Template><TotalTime>%d</TotalTime><Pages>%d</Pages><Words>%d</Words>'
            '<Characters>%d</Characters><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity>'
            '<Lines>%d</Lines><Paragraphs>%d</Paragraphs><ScaleCrop>false</ScaleCrop><Company>%s</Company>'
            '<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>%d</CharactersWithSpaces><SharedDoc>false</SharedDoc>'
            '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>'
            % (words // 9, pages, words, chars, max(1, chars // 60), max(1, text.count('\n')), esc(company), len(text)))


def docx(word, body_blocks, margins, meta, header_marking=None, header_font=None):
    """A whole .docx: body_blocks are paragraphs and tables (XML), in order."""
    rel_items = [('rId1', OFFICE_REL + '/styles', 'styles.xml'),
                 ('rId2', OFFICE_REL + '/settings', 'settings.xml')]
    overrides = [('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
                 ('/word/styles.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml'),
                 ('/word/settings.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml')]
    header_rid = None
    if header_marking:
        header_rid = 'rId3'
        rel_items.append(('rId3', OFFICE_REL + '/header', 'header1.xml'))
        overrides.append(('/word/header1.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml'))
    overrides += [('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'),
                  ('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml')]
    content_types = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>' +
                     ''.join('<Override PartName="%s" ContentType="%s"/>' % o for o in overrides) + '</Types>')
    document = (XML_DECL + '<w:document %s><w:body>%s%s</w:body></w:document>'
                % (W_NS, ''.join(body_blocks), sect_pr(word, margins, header_rid)))
    parts = [('[Content_Types].xml', content_types),
             ('_rels/.rels', rels([('rId3', OFFICE_REL + '/extended-properties', 'docProps/app.xml'),
                                   ('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
                                    'docProps/core.xml'),
                                   ('rId1', OFFICE_REL + '/officeDocument', 'word/document.xml')])),
             ('word/document.xml', document),
             ('word/_rels/document.xml.rels', rels(rel_items))]
    if header_marking:
        parts.append(('word/header1.xml', header_part(header_marking, header_font)))
    parts += [('word/styles.xml', styles_xml(**meta.get('styles', {}))),
              ('word/settings.xml', settings_xml(word.rsids)),
              ('docProps/core.xml', core_xml(meta['creator'], meta['modified_by'], meta['created'], meta['modified'],
                                             meta['revision'], meta.get('title', ''))),
              ('docProps/app.xml', app_xml_word(meta['text'], meta['pages'], meta['company']))]
    return package(parts)


def iso_z(d, hh=10, mm=0):
    return '%04d-%02d-%02dT%02d:%02d:00Z' % (d.year, d.month, d.day, hh, mm)


# --------------------------------------------------------------------------------------------------
# The Chronolator table in Word (CSC, Police, HV, and the broken DOCX)

CHRONOLATOR_GRID = [1250, 800, 950, 1900, 600, 850, 1900, 4300, 2020]      # 14570: A4 landscape, 2 cm margins
POLICE_GRID = [1400, 700, 900, 1700, 500, 800, 1900, 5300, 2198]          # 15398: widened, 1.27 cm margins
HV_GRID = [1619, 1619, 1619, 1619, 1619, 1619, 1619, 1619, 1618]          # Word's "Insert Table": equal columns


def chronolator_docx(word, rows, date_fmt, header_lines, grid, margins, meta, split_after=None, blank_rows=1,
                     shade_heading=None, go_back_at=None, br_in=None, empty_cell=None, sdt_completed_by=False,
                     title='Serious Case Review: Child A \u2013 Agency Chronology', header_marking=None, header_font=None):
    """rows: row_for() dicts. split_after: the table is broken after that many entry rows and pasted
    again below an empty paragraph, with the heading row repeated. br_in: the index of the row whose
    event has a line break (w:br) in it. empty_cell: (row index, heading) left empty."""
    blocks = [word.para(title, ppr='<w:pStyle w:val="Title"/>')]
    for label, value in header_lines:
        if sdt_completed_by and label.startswith('Completed by'):
            sdt = ('<w:sdt><w:sdtPr><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:alias w:val="Completed by"/>'
                   '<w:tag w:val="CompletedBy"/><w:id w:val="-1718311546"/><w:text/></w:sdtPr>'
                   '<w:sdtContent>%s</w:sdtContent></w:sdt>' % word.runs(value))
            blocks.append(word.label_para(label, value, value_xml=sdt))
        else:
            blocks.append(word.label_para(label, value))
    blocks.append(word.p())

    def heading_row():
        cells = [word.cell(w, [word.para(h, bold=True)], shade=shade_heading) for w, h in zip(grid, HEADINGS)]
        return word.row(cells, header=True, key='heading')

    def entry_row(i, row):
        cells = []
        values = chronolator_values(row, date_fmt(row), None)
        for col, w, value in zip(CHRONOLATOR, grid, values):
            field = col['field']
            if empty_cell and empty_cell == (i, col['heading']):
                cells.append(word.cell(w, [word.p()]))
                continue
            if field == 'event':
                event = row['event']
                if br_in == i and '. ' in event:
                    event = event.replace('. ', '.\n', 1)
                paras = [word.para(event)]
                if row['response']:
                    paras.append(word.para('Response: ' + row['response']))
                cells.append(word.cell(w, paras))
            elif field == 'comment' and go_back_at == i:
                # where the author's cursor was when the document was last saved
                text = value or ''
                cut = text.find(' ', len(text) // 2) if ' ' in text else len(text)
                content = (word.runs(text[:cut]) + '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
                           + word.runs(text[cut:]))
                cells.append(word.cell(w, [word.p(content, key='goback')]))
            else:
                cells.append(word.cell(w, [word.para(value)] if value else [word.p()]))
        return word.row(cells, key=str(i))

    def blank_row():
        return word.row([word.cell(w, [word.p()]) for w in grid], key='blank')

    first = rows if split_after is None else rows[:split_after]
    table_rows = [heading_row()] + [entry_row(i, r) for i, r in enumerate(first)]
    if split_after is not None:
        blocks.append(Word.table(grid, table_rows, layout_fixed=True))
        blocks.append(word.p())
        table_rows = [heading_row()] + [entry_row(i, r) for i, r in enumerate(rows) if i >= split_after]
    table_rows += [blank_row() for _ in range(blank_rows)]
    blocks.append(Word.table(grid, table_rows, layout_fixed=True))
    blocks.append(word.p())
    text = '\n'.join(' '.join(str(v) for v in r.values()) for r in rows)
    meta = dict(meta, text=text, pages=max(1, (len(rows) + 5) // 6))
    return docx(word, blocks, margins, meta, header_marking=header_marking, header_font=header_font)


def csc_docx(rows, split_after=None, empty_cell=None, go_back_at=None):
    word = Word(['00B21F4C', '003A7D12', '005E9C31', '00D4410F', '0071A2B8', '00E6C5F9'], split=True,
                proof=('Fairley', 'MASH'))
    author = author_of('CSC')
    meta = {'creator': 'Northbrook SCB', 'modified_by': author, 'created': '2025-03-04T09:12:00Z',
            'modified': '2025-03-28T10:00:00Z', 'revision': 14, 'company': 'Northbrook Council'}
    return chronolator_docx(
        word, rows, lambda r: dmy(r['date']),
        [('Agency: ', "Children's Social Care (CSC)"), ('Completed by: ', author), ('Date completed: ', '28/03/2025')],
        CHRONOLATOR_GRID, 1134, meta, split_after=split_after, blank_rows=1, go_back_at=go_back_at,
        empty_cell=empty_cell, header_marking=CASE['review'].get('security_marking'))


def police_docx(rows):
    word = Word(['00F1A3C7', '0042B9D0', '00C85E14'], split=False, font=('Arial', 18), seed=4000)
    author = author_of('Police')
    done = completed_on('Police')
    meta = {'creator': 'Northbrook SCB', 'modified_by': 'LOWE Gemma DI 4471', 'created': '2025-03-04T09:12:00Z',
            'modified': iso_z(done, 16, 42), 'revision': 6, 'company': 'Northbrook Constabulary',
            'styles': {'default_font': 'Calibri'}}
    return chronolator_docx(
        word, rows, lambda r: dmy(r['date']),
        [('Agency: ', 'Northbrook Constabulary (Police)'), ('Completed by: ', author), ('Date completed: ', dmy(done))],
        POLICE_GRID, 720, meta, blank_rows=3, shade_heading='D9E2F3', header_marking='OFFICIAL-SENSITIVE',
        header_font='Arial')


def hv_docx(rows):
    word = Word(['00A9D2E1', '00377B40'], split=False, smart=True, proof=('Bellamy',), seed=8000)
    author = author_of('HV')
    done = completed_on('HV')

    def hv_date(r):
        d = long_date(r['date'], NBSP)
        return '?' + d if r['date_estimated'] else d

    br_row = next(i for i, r in enumerate(rows) if r['event'].startswith('Home visit. Child A seen playing'))
    meta = {'creator': 'Northbrook SCB', 'modified_by': author, 'created': '2025-03-04T09:12:00Z',
            'modified': iso_z(done, 9, 5), 'revision': 3, 'company': 'NCHS'}
    return chronolator_docx(
        word, rows, hv_date,
        [('Agency: ', 'Health Visiting (HV)'), ('Completed by: ', author), ('Date completed: ', long_date(done, NBSP))],
        HV_GRID, 1134, meta, blank_rows=1, br_in=br_row, sdt_completed_by=True,
        title='Agency Chronology')


# --------------------------------------------------------------------------------------------------
# Enfield's form in Word (Housing)

ENFIELD_GRID = [1300, 2000, 2000, 1800, 1800, 2200, 1600, 1870]  # 14570


def split_heading(heading):
    """'Child Specify if views recorded & if seen alone' → ('Child', 'Specify if views recorded & if seen alone')."""
    at = heading.find(' Specify')
    if at < 0:
        return heading, ''
    return heading[:at], heading[at + 1:]


def enfield_docx(rows):
    word = Word(['00C4E7A1', '0019F2B6', '0066AD03'], split=True, seed=12000)
    grid = ENFIELD_GRID
    cols = ENFIELD['columns']
    done = completed_on('Housing')
    blocks = [word.para('Chronology', ppr='<w:pStyle w:val="Title"/>')]

    # the header fields: label | value
    plans = CHILD.get('child_protection_plans', [])
    plan_dates = '; '.join('From %s' % dmy(as_date(p['from'])) + (' to %s' % dmy(as_date(p['to'])) if p.get('to') else '')
                           for p in plans)
    values = {
        "Child's full name": CHILD['pseudonym'],
        'DOB': dmy(as_date(CHILD['date_of_birth'])),
        'Language/s spoken at home': CHILD.get('language', ''),
        'Ethnic origin': CHILD.get('ethnicity', ''),
        'Religion': CHILD.get('religion', ''),
        'Legal status of child': CHILD.get('legal_status', ''),
        'Dates of any period subject to child protection plan': plan_dates,
        'Dates covered by chronology': '%s to %s' % (dmy(as_date(PERIOD['from'])), dmy(as_date(PERIOD['to']))),
    }
    header_rows = []
    for label in ENFIELD['header']:
        header_rows.append(word.row([word.cell(4500, [word.para(label, bold=True)], shade='F2F2F2'),
                                     word.cell(10070, [word.para(values[label])])], key=label))
    blocks.append(Word.table([4500, 10070], header_rows))
    blocks.append(word.p())
    blocks.append(word.label_para('Agency: ', 'Housing'))
    blocks.append(word.label_para('Completed by: ', author_of('Housing')))
    blocks.append(word.label_para('Date completed: ', dmy(done)))
    blocks.append(word.p())

    # heading row 1: Date | Family Contact (2) | Communication (2) | Response for Outcome | Source | Comment
    row1, row2 = [], []
    i = 0
    while i < len(cols):
        c = cols[i]
        if c.get('group'):
            span = 1
            while i + span < len(cols) and cols[i + span].get('group') == c['group']:
                span += 1
            row1.append(word.cell(sum(grid[i:i + span]), [word.para(c['group'], bold=True)], gridspan=span,
                                  shade='D9D9D9'))
            for k in range(i, i + span):
                first, rest = split_heading(cols[k]['heading'])
                paras = [word.para(first, bold=True)]
                if rest:
                    paras.append(word.para(rest, italic=True, size=16))
                row2.append(word.cell(grid[k], paras, shade='D9D9D9'))
            i += span
        else:
            row1.append(word.cell(grid[i], [word.para(c['heading'], bold=True)], vmerge='restart', shade='D9D9D9'))
            row2.append(word.cell(grid[i], [word.p()], vmerge='continue', shade='D9D9D9'))
            i += 1
    table_rows = [word.row(row1, header=True, key='h1'), word.row(row2, header=True, key='h2')]

    for n, r in enumerate(rows):
        ct = r['contact_type'] or 'with-parents-carers'
        cells = []
        for c, w in zip(cols, grid):
            if c['field'] == 'date':
                text = dmy(r['date'])
            elif c['field'] == 'event':
                text = r['event'] if c.get('contact_type') == ct else ''
            else:
                text = r[c['field']]
            cells.append(word.cell(w, [word.para(text)] if text else [word.p()]))
        table_rows.append(word.row(cells, key=str(n)))
    blocks.append(Word.table(grid, table_rows, layout_fixed=True))
    blocks.append(word.p())
    text = '\n'.join(' '.join(str(v) for v in r.values()) for r in rows)
    meta = {'creator': 'Enfield Safeguarding Children Board', 'modified_by': author_of('Housing'),
            'created': '2019-06-11T14:20:00Z', 'modified': iso_z(done, 11, 30), 'revision': 22,
            'company': 'Northbrook Homes', 'text': text, 'pages': 2, 'styles': {'default_font': 'Arial', 'default_size': 20}}
    return docx(word, blocks, 1134, meta)


# --------------------------------------------------------------------------------------------------
# CSV as Excel saves it

def csv_field(value):
    if any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(rows_of_values):
    return ''.join(','.join(csv_field(v) for v in row) + '\r\n' for row in rows_of_values)


def gp_csv(rows):
    """Excel 'CSV (Comma delimited)': Windows-1252, no BOM. The authors' comments were drafted in
    Word and pasted in, so their apostrophes are Word's curly ones (0x92 in Windows-1252)."""
    # The header lines the board's CSV template has above the table, filled in.
    lines = [['Agency:', AGENCIES['GP']['name'] + ' (GP)'], ['Completed by:', author_of('GP')], ['Date completed:', dmy(completed_on('GP'))], [],
             HEADINGS]
    for r in rows:
        r = dict(r, comment=r['comment'].replace("'", '\u2019'))
        lines.append(chronolator_values(r, dmy(r['date']), event_one_line(r)))
    return csv_text(lines).encode('cp1252')


def ey_csv(rows):
    """Excel 'CSV UTF-8': a BOM, CRLF between records; the line break typed in a cell (Alt+Enter)
    is saved as LF alone."""
    lines = [['Agency:', AGENCIES['EY']['name'] + ' (EY)'], ['Completed by:', author_of('EY')], ['Date completed:', dmy(completed_on('EY'))], [],
             HEADINGS]
    multi = next(i for i, r in enumerate(rows) if r['event'].startswith('Bruise seen'))
    for i, r in enumerate(rows):
        event = r['event'] + '\nResponse: ' + r['response'] if i == multi else event_one_line(r)
        lines.append(chronolator_values(r, dmy(r['date']), event))
    return b'\xef\xbb\xbf' + csv_text(lines).encode('utf-8')


# --------------------------------------------------------------------------------------------------
# SpreadsheetML (NGH, and the broken XLSX)

SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
EPOCH = datetime.date(1899, 12, 30)


def serial(d):
    return (d - EPOCH).days


def col_letter(i):
    s = ''
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


class SharedStrings:
    def __init__(self):
        self.items, self.index, self.count = [], {}, 0

    def add(self, text, rich=None):
        self.count += 1
        key = (text, rich)
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(key)
        return self.index[key]

    def xml(self):
        out = []
        for text, rich in self.items:
            if rich:
                # rich text: the first `rich` characters bold, as the author formatted them
                head, tail = text[:rich], text[rich:]
                out.append('<si><r><rPr><b/><sz val="11"/><rFont val="Calibri"/><family val="2"/>'
                           '</rPr>%s</r><r><rPr><sz val="11"/><rFont val="Calibri"/>'
                           '<family val="2"/></rPr>%s</r></si>' % (sst_t(head), sst_t(tail)))
            else:
                out.append('<si>%s</si>' % sst_t(text))
        return (XML_DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                % (SML, self.count, len(self.items), ''.join(out)))


def sst_t(text):
    space = ' xml:space="preserve"' if text != text.strip() or '\n' in text else ''
    return '<t%s>%s</t>' % (space, esc(text))


# cellXfs: 0 General, 1 dd/mm/yyyy (164), 2 built-in short date (14), 3 h:mm (20), 4 wrapped text,
# 5 the heading row (bold, wrapped, shaded), 6 a whole number
XLSX_STYLES = (XML_DECL +
               '<styleSheet xmlns="%s" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
               ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
               '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
               '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/>'
               '</font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/>'
               '</font></fonts>'
               '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
               '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
               '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
               '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
               '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
               '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
               '<alignment vertical="top"/></xf>'
               '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
               '<alignment vertical="top"/></xf>'
               '<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
               '<alignment vertical="top"/></xf>'
               '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
               '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">'
               '<alignment vertical="top" wrapText="1"/></xf>'
               '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
               '<alignment horizontal="center" vertical="top"/></xf></cellXfs>'
               '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
               '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
               '</styleSheet>' % SML)

def xlsx_cell(ref, kind, value, style=None):
    s = ' s="%d"' % style if style is not None else ''
    if kind == 'empty':
        return '<c r="%s"%s/>' % (ref, s)
    if kind == 's':
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, s, value)
    if kind == 'inline':
        return '<c r="%s"%s t="inlineStr"><is>%s</is></c>' % (ref, s, sst_t(value))
    return '<c r="%s"%s><v>%s</v></c>' % (ref, s, value)


def chronology_sheet(rows, sst, inline_at=None, rich_at=None, date_style_14_from=None, text_date=None):
    """rows: row_for() dicts. inline_at: (row index, heading) written as an inline string.
    rich_at: row index whose comment is rich text. date_style_14_from: rows from this index carry
    the built-in date format 14 instead of 164. text_date: (row index, text) a date typed as text."""
    ncol = len(HEADINGS)
    last = col_letter(ncol - 1)
    xml_rows = ['<row r="1" spans="1:%d" ht="30" customHeight="1">%s</row>'
                % (ncol, ''.join(xlsx_cell('%s1' % col_letter(j), 's', sst.add(h), 5) for j, h in enumerate(HEADINGS)))]
    for i, r in enumerate(rows):
        n = i + 2
        cells = []
        for j, col in enumerate(CHRONOLATOR):
            ref = '%s%d' % (col_letter(j), n)
            f = col['field']
            if f == 'date':
                if text_date and text_date[0] == i:
                    cells.append(xlsx_cell(ref, 's', sst.add(text_date[1]), 4))
                else:
                    style = 2 if date_style_14_from is not None and i >= date_style_14_from else 1
                    cells.append(xlsx_cell(ref, 'n', serial(r['date']), style))
                continue
            if f == 'time':
                if r['time']:
                    hh, mm = r['time'].split(':')
                    cells.append(xlsx_cell(ref, 'n', repr((int(hh) * 60 + int(mm)) / 1440), 3))
                else:
                    cells.append(xlsx_cell(ref, 'empty', None, 3))
                continue
            if f == 'age':
                cells.append(xlsx_cell(ref, 'n', r['age'], 6) if r['age'] else xlsx_cell(ref, 'empty', None, 6))
                continue
            text = event_one_line(r) if f == 'event' else r[f]
            if not text:
                cells.append(xlsx_cell(ref, 'empty', None, 4))
            elif inline_at and inline_at == (i, col['heading']):
                cells.append(xlsx_cell(ref, 'inline', text, 4))
            elif f == 'comment' and rich_at == i:
                cells.append(xlsx_cell(ref, 's', sst.add(text, rich=len(text.split(' ')[0])), 4))
            else:
                cells.append(xlsx_cell(ref, 's', sst.add(text), 4))
        xml_rows.append('<row r="%d" spans="1:%d">%s</row>' % (n, ncol, ''.join(cells)))
    widths = [11.7, 7.1, 8.6, 22.3, 5.4, 7.9, 24.6, 60.7, 40.1]
    cols = ''.join('<col min="%d" max="%d" width="%s" customWidth="1"/>' % (j + 1, j + 1, w)
                   for j, w in enumerate(widths[:ncol]))
    dim = 'A1:%s%d' % (last, len(rows) + 1)
    return (XML_DECL +
            '<worksheet xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<dimension ref="%s"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><cols>%s</cols><sheetData>%s</sheetData>'
            '<autoFilter ref="%s"/>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape"/></worksheet>'
            % (SML, dim, cols, ''.join(xml_rows), dim))


def notes_sheet(lines, sst):
    rows = ''.join('<row r="%d" spans="1:1"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 1, i + 1, sst.add(t))
                   for i, t in enumerate(lines))
    return (XML_DECL +
            '<worksheet xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<dimension ref="A1:A%d"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="120.7" customWidth="1"/></cols>'
            '<sheetData>%s</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>' % (SML, len(lines), rows))


def xlsx(rows, notes, creator, modified, **sheet_options):
    sst = SharedStrings()
    sheet1 = chronology_sheet(rows, sst, **sheet_options)
    sheet2 = notes_sheet(notes, sst)
    last = '$%s$%d' % (col_letter(len(HEADINGS) - 1), len(rows) + 1)
    workbook = (XML_DECL +
                '<workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
                '<workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120"'
                ' windowWidth="29040" windowHeight="15840"/></bookViews>'
                '<sheets><sheet name="Chronology" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets>'
                '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Chronology!$A$1:%s</definedName>'
                '</definedNames><calcPr calcId="191029"/></workbook>' % (SML, last))
    content_types = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                     '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                     '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
                     '</Types>')
    app = (XML_DECL +
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
           ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
           '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>'
           '<vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs>'
           '<TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>Chronology</vt:lpstr><vt:lpstr>Notes</vt:lpstr>'
           '</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
           '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>')
    return package([
        ('[Content_Types].xml', content_types),
        ('_rels/.rels', rels([('rId3', OFFICE_REL + '/extended-properties', 'docProps/app.xml'),
                              ('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
                               'docProps/core.xml'),
                              ('rId1', OFFICE_REL + '/officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', workbook),
        ('xl/_rels/workbook.xml.rels', rels([('rId3', OFFICE_REL + '/styles', 'styles.xml'),
                                             ('rId2', OFFICE_REL + '/worksheet', 'worksheets/sheet2.xml'),
                                             ('rId1', OFFICE_REL + '/worksheet', 'worksheets/sheet1.xml'),
                                             ('rId4', OFFICE_REL + '/sharedStrings', 'sharedStrings.xml')])),
        ('xl/worksheets/sheet1.xml', sheet1),
        ('xl/worksheets/sheet2.xml', sheet2),
        ('xl/styles.xml', XLSX_STYLES),
        ('xl/sharedStrings.xml', sst.xml()),
        ('docProps/core.xml', core_xml(creator, creator, '2025-03-06T13:48:00Z', modified, None)),
        ('docProps/app.xml', app),
    ])


def ngh_xlsx(rows):
    author = author_of('NGH')
    notes = [
        'Northbrook General Hospital NHS Trust: chronology for the Serious Case Review of Child A (%s).'
        % CASE['review']['reference'],
        'Compiled by the safeguarding team for %s, Named Doctor for Safeguarding Children.' % author,
        'Sources: the emergency department record (Symphony), the maternity record and the paediatric notes.',
        'Times are the emergency department arrival times; the other entries have no time recorded.',
        'Please contact the safeguarding team before sharing this workbook outside the review panel.',
    ]
    inline_row = next(i for i, r in enumerate(rows) if r['time'] == '16:05')
    return xlsx(rows, notes, author, iso_z(completed_on('NGH'), 15, 2),
                inline_at=(inline_row, 'Name of subject'), rich_at=inline_row,
                date_style_14_from=len(rows) - 1)


# --------------------------------------------------------------------------------------------------
# YAML (DAS): the case file's own entry schema

def das_yaml():
    """The DAS entries copied as they stand in case.yaml's chronology.entries, text and all."""
    lines = CASE_TEXT.split('\n')
    start = next(i for i, l in enumerate(lines) if l.startswith('chronology:'))
    blocks, current = [], None
    for line in lines[start + 1:]:
        if line and not line.startswith(' '):
            break
        if line.startswith('    - '):
            current = [line]
            blocks.append(current)
        elif current is not None and line.startswith('      '):
            current.append(line)
    ours = [b for b in blocks if any(l.strip() == 'agency: DAS' for l in b)]
    a = AGENCIES['DAS']
    head = ('# %s: chronology return for the Serious Case Review of Child A (%s).\n'
            '# Completed by %s, %s, on %s. The service recorded one contact in the period under review.\n'
            % (a['name'], CASE['review']['reference'], a['senior_manager']['name'], a['senior_manager']['role'],
               long_date(as_date(a['chronology']['received']))))
    body = '\n'.join(l[2:] for b in ours for l in b)
    return (head + 'entries:\n' + body + '\n').encode('utf-8'), len(ours)


# --------------------------------------------------------------------------------------------------
# broken/: small Chronolator returns with one fault each

BROKEN_BASE_DATES = ['2024-04-02', '2024-04-03', '2024-04-18', '2024-05-09', '2024-05-21']


def broken_base():
    rows = [r for r in rows_of('CSC') if r['date'].isoformat() in BROKEN_BASE_DATES]
    assert [r['date'].isoformat() for r in rows] == BROKEN_BASE_DATES, rows
    return rows


def base_table(rows):
    """[heading row, data rows…] as the cells' text."""
    return [list(HEADINGS)] + [chronolator_values(r, dmy(r['date']), event_one_line(r)) for r in rows]


def col(heading):
    return HEADINGS.index(heading)


def broken_files():
    rows = broken_base()
    out = {}

    def variant(name, change):
        table = [list(r) for r in base_table(rows)]
        table = change(table) or table
        out['broken/' + name] = csv_text(table).encode('utf-8')

    def set_cell(r, heading, value):
        def change(t):
            t[r - 1][col(heading)] = value
        return change

    variant('clean.csv', lambda t: None)
    variant('heading-changed.csv', set_cell(1, 'Source of Information', 'Source'))

    def column_added(t):
        t[0].append('Outcome')
        for i, r in enumerate(rows):
            t[i + 1][col('Event')] = r['event']
            t[i + 1].append(r['response'])
    variant('column-added.csv', column_added)

    def column_removed(t):
        for r in t:
            del r[col('Time')]
    variant('column-removed.csv', column_removed)

    def reordered(t):
        a, b = col('Source of Information'), col('Event')
        for r in t:
            r[a], r[b] = r[b], r[a]
    variant('columns-reordered.csv', reordered)

    variant('mandatory-empty.csv', set_cell(3, 'Source of Information', ''))
    variant('date-invalid.csv', set_cell(3, 'Date', '30/02/2024'))
    variant('date-month-13.csv', set_cell(3, 'Date', '2024-13-01'))
    variant('date-us-order.csv', set_cell(4, 'Date', '04/18/2024'))
    variant('date-period.csv', set_cell(2, 'Date', '02/04/2024 - 05/04/2024'))
    variant('date-approximate.csv', set_cell(6, 'Date', '?21 May 2024'))
    variant('date-outside-period.csv', set_cell(2, 'Date', '02/04/2023'))
    variant('time-dot.csv', set_cell(3, 'Time', '14.00'))
    variant('time-pm.csv', set_cell(3, 'Time', '2pm'))

    def out_of_order(t):
        t[2], t[3] = t[3], t[2]
    variant('out-of-order.csv', out_of_order)

    variant('child-seen-maybe.csv', set_cell(6, 'Child seen', 'Maybe'))
    variant('age-not-number.csv', set_cell(2, 'Age', 'one'))
    variant('age-18.csv', set_cell(5, 'Age', '18'))
    variant('subject-unknown.csv', set_cell(3, 'Name of subject', 'Child A, Sibling 1, Parnet 1, Parent 2'))
    variant('agency-empty.csv', set_cell(4, 'Agency', ''))

    # table row 3 (the heading row is row 1): the second entry's Source of Information left empty
    out['broken/docx-mandatory-empty.docx'] = csc_docx(rows, empty_cell=(1, 'Source of Information'))
    # cell A4: the date typed as text (Excel keeps what it cannot read as a date as text)
    out['broken/xlsx-date-text.xlsx'] = xlsx(rows, ['A copy of five rows of the CSC chronology, for testing.'],
                                             author_of('CSC'), '2025-03-28T10:00:00Z', text_date=(2, '31/04/2024'))
    return out


# --------------------------------------------------------------------------------------------------

def build():
    files = {}
    counts = {}
    for agency in AGENCIES:
        counts[agency] = len(rows_of(agency))
    csc = rows_of('CSC')
    go_back = next(i for i, r in enumerate(csc) if r['date'].isoformat() == '2024-07-05')
    files['CSC-chronology.docx'] = csc_docx(csc, split_after=12, go_back_at=go_back)
    files['Police-chronology.docx'] = police_docx(rows_of('Police'))
    files['HV-chronology.docx'] = hv_docx(rows_of('HV'))
    files['Housing-chronology-enfield.docx'] = enfield_docx(rows_of('Housing'))
    files['GP-chronology.csv'] = gp_csv(rows_of('GP'))
    files['EY-chronology.csv'] = ey_csv(rows_of('EY'))
    files['NGH-chronology.xlsx'] = ngh_xlsx(rows_of('NGH'))
    das, n = das_yaml()
    assert n == counts['DAS']
    files['DAS-chronology.yaml'] = das
    covered = {name.split('-')[0] for name in files}
    missing = set(AGENCIES) - covered
    assert not missing, 'no return for %s' % ', '.join(sorted(missing))
    files.update(broken_files())
    return files, counts


def write(files):
    for name, data in sorted(files.items()):
        path = os.path.join(HERE, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)


def check(files, counts):
    import xml.dom.minidom
    problems = []
    for name, data in sorted(files.items()):
        if name.endswith(('.docx', '.xlsx')):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if z.testzip() is not None:
                    problems.append('%s: bad zip entry' % name)
                for info in z.infolist():
                    if info.date_time != ZIP_TIME:
                        problems.append('%s: %s is not dated %s' % (name, info.filename, ZIP_TIME))
                    if info.filename.endswith(('.xml', '.rels')):
                        try:
                            xml.dom.minidom.parseString(z.read(info))
                        except Exception as e:  # noqa: BLE001 - report every part that fails
                            problems.append('%s: %s: %s' % (name, info.filename, e))
        elif name.endswith('.yaml'):
            entries = yaml.safe_load(data)['entries']
            keys = {k for e in ENTRIES for k in e}
            if any(set(e) - keys for e in entries):
                problems.append('%s: keys not in the case file\'s entries' % name)
    gp = files['GP-chronology.csv']
    try:
        gp.decode('utf-8')
        problems.append('GP-chronology.csv decodes as UTF-8: it should be Windows-1252 only')
    except UnicodeDecodeError:
        pass
    if gp.startswith(b'\xef\xbb\xbf') or not files['EY-chronology.csv'].startswith(b'\xef\xbb\xbf'):
        problems.append('BOMs: GP must have none, EY must have one')
    for name in ('GP-chronology.csv', 'EY-chronology.csv'):
        text = files[name].decode('cp1252' if name.startswith('GP') else 'utf-8-sig')
        import csv as _csv
        records = list(_csv.reader(io.StringIO(text, newline='')))
        records = records[records.index(HEADINGS):] if HEADINGS in records else records
        if records[0] != HEADINGS:
            problems.append('%s: heading row differs from columns.yaml' % name)
        if len(records) - 1 != counts[name.split('-')[0]]:
            problems.append('%s: %d entries, not %d' % (name, len(records) - 1, counts[name.split('-')[0]]))
    again, _ = build()
    if again != files:
        problems.append('a second build differs: %s' % ', '.join(sorted(k for k in files if files[k] != again.get(k))))
    return problems


def main():
    files, counts = build()
    write(files)
    for name in sorted(files):
        print('wrote %s' % os.path.relpath(os.path.join(HERE, name), ROOT))
    print('entries: ' + ', '.join('%s %d' % (a, n) for a, n in counts.items()))
    if '--check' in sys.argv[1:]:
        problems = check(files, counts)
        for p in problems:
            print('problem: ' + p)
        if problems:
            return 1
        print('check: every part well-formed, encodings as Excel saves them, entry counts match, rebuild identical')
    return 0


if __name__ == '__main__':
    sys.exit(main())
