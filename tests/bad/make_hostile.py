#!/usr/bin/env python3
"""Makes the hostile and damaged inputs of tests/bad/ in a folder: crafted templates, case files,
data files, board profiles and PDF forms, each the kind of file that arrives from another agency's
machine. Nothing large is stored in the repository: the zip bombs and the 100 MB YAML file are made
here, when the tests run.   python3 tests/bad/make_hostile.py DIR

Word-like XML throughout: rsids, spelling marks and tags split across runs, as Word writes them."""
import os
import struct
import sys
import zipfile
import zlib

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
NS = ('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:w="%s" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"' % W)
TYPES = (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>')
ROOT_RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             'Target="word/document.xml"/></Relationships>')
DOC_RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>')
STYLES = (HEAD + '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
          '<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" '
          'w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>' % W)
SECT = ('<w:sectPr w:rsidR="00A0B1C2"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
        'w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')


def esc(text):
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def r(text, rsid='00C41F2A', prefix='w'):
    return ('<{0}:r {0}:rsidR="{1}"><{0}:rPr><{0}:lang {0}:val="en-GB"/></{0}:rPr><{0}:t xml:space="preserve">{2}</{0}:t></{0}:r>'
            .format(prefix, rsid, esc(text)))


def p(*runs, prefix='w'):
    return '<{0}:p {0}:rsidR="00A0B1C2" w14:paraId="1A2B3C4D">{1}</{0}:p>'.format(prefix, ''.join(runs))


def tag_paragraph(text):
    """A paragraph holding `text`, the tag split across three runs with a spelling mark, as Word does."""
    third = max(1, len(text) // 3)
    return p(r(text[:third]), '<w:proofErr w:type="spellStart"/>', r(text[third:2 * third], '00D2E3F4'),
             '<w:proofErr w:type="spellEnd"/>', r(text[2 * third:], '00E5F6A7'))


def document(body):
    return HEAD + '<w:document %s><w:body>%s%s</w:body></w:document>' % (NS, body, SECT)


def parts_of(doc_xml, extra=None):
    parts = [('[Content_Types].xml', TYPES), ('_rels/.rels', ROOT_RELS), ('word/document.xml', doc_xml),
             ('word/_rels/document.xml.rels', DOC_RELS), ('word/styles.xml', STYLES)]
    for name, data in (extra or {}).items():
        parts = [(n, d) for n, d in parts if n != name] + [(name, data)]
    return parts


def write_zip(path, parts, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, 'w', compress) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            info.compress_type = compress
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


def docx(path, body, extra=None):
    write_zip(path, parts_of(document(body), extra))


# ------------------------------------------------------------------ a zip written by hand

def raw_zip(entries):
    """A zip from (name, method, crc, declared_size, stored_bytes) tuples, with whatever the tuples
    say: a wrong checksum, a size that lies, a name that climbs out."""
    out = bytearray()
    central = bytearray()
    for name, method, crc, size, stored in entries:
        n = name.encode('utf-8', 'surrogateescape')
        offset = len(out)
        out += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0x0800, method, 0, 33, crc, len(stored), size, len(n), 0) + n + stored
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0x0800, method, 0, 33, crc, len(stored), size,
                               len(n), 0, 0, 0, 0, 0, offset) + n
    start = len(out)
    out += central
    out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def entry(name, data, method=8):
    data = data.encode('utf-8') if isinstance(data, str) else data
    stored = data if method == 0 else zlib.compress(data, 9)[2:-4]
    return (name, method, zlib.crc32(data), len(data), stored)


def zeros_deflated(size):
    """Raw deflate of `size` zero bytes, made in chunks (2 GiB of zeros packs into about 2 MB)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 24)
    out = bytearray()
    crc = 0
    left = size
    while left:
        piece = chunk[:min(left, len(chunk))]
        out += c.compress(piece)
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    out += c.flush()
    return bytes(out), crc


def good_entries(doc_xml):
    return [entry(n, d) for n, d in parts_of(doc_xml)]


# ------------------------------------------------------------------ PDF by hand

def pdf(objects, root=1, extra_trailer=''):
    out = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += ('%d 0 obj\n' % i).encode() + (body.encode() if isinstance(body, str) else body) + b'\nendobj\n'
    xref = len(out)
    out += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)).encode()
    for o in offsets:
        out += ('%010d 00000 n \n' % o).encode()
    out += ('trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, root, extra_trailer, xref)).encode()
    return bytes(out)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    at = lambda name: os.path.join(folder, name)

    # --- data files
    with open(at('data.yaml'), 'w') as f:
        f.write('# any YAML; every name is invented\nname: Ms Amara Okafor\nreference: NSCB/SCR/2025/07\n'
                'people:\n  - name: Ms Amara Okafor\n  - name: Mr Tomasz Nowak\n'
                'recipients:\n' + ''.join('  - {name: "Recipient %d", n: %d}\n' % (i, i) for i in range(1, 4)))
    with open(at('many.yaml'), 'w') as f:  # for interrupting a long run
        f.write('name: Batch\nrecipients:\n' + ''.join('  - {name: "Recipient %d"}\n' % i for i in range(1, 4001)))
    with open(at('control-characters.yaml'), 'w') as f:
        f.write('name: "Amara\\0Okafor"\nreference: "NSCB\\x07SCR"\npeople: []\n')
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        laughs.append('a%d: &a%d [%s]' % (i, i, ', '.join(['*a%d' % (i - 1)] * 9)))
    with open(at('billion-laughs.yaml'), 'w') as f:
        f.write('name: x\n' + '\n'.join(laughs) + '\n')
    with open(at('alias-cycle.yaml'), 'w') as f:
        f.write('name: x\nloop: &self\n  again: *self\n')
    with open(at('duplicate-keys.yaml'), 'w') as f:  # 100,000 keys, 1.1 MB, every one written twice
        f.write('name: x\n' + ''.join('k%d: 1\n' % (i % 50000) for i in range(100000)))
    with open(at('huge.yaml'), 'w') as f:  # 100 MB of keys
        line = ''.join('key%07d: value\n' % i for i in range(10000))
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    with open(at('loops-data.yaml'), 'w') as f:
        f.write('name: x\nitems:\n' + ''.join('  - %d\n' % i for i in range(1000)))
    with open(at('dotdot-photo.yaml'), 'w') as f:
        f.write('name: x\nphoto: ../../secret.png\n')
    with open(at('missing-photo.yaml'), 'w') as f:
        f.write('name: x\nphoto: ../../no-such-file.png\n')

    # --- templates with crafted tags
    docx(at('letter.docx'), tag_paragraph('Dear {{ recipient.name }},') + p(r('Yours sincerely')))
    docx(at('plain.docx'), tag_paragraph('Dear {{ name }},') + p(r('Yours sincerely')))
    docx(at('image-width-dot.docx'), tag_paragraph('{% image "x.png" width: .cm %}'))
    docx(at('huge-index.docx'), tag_paragraph('{{ people[99999999999999999999] }}'))
    docx(at('nested-brackets.docx'), p(r('{% if ' + '(' * 10000 + 'name' + ')' * 10000 + ' %}yes{% endif %}')))
    docx(at('chained-not.docx'), p(r('{% if ' + 'not ' * 7000 + 'name %}yes{% endif %}')))
    docx(at('nested-blocks.docx'), p(r('{% if name %}' * 6000 + 'deep' + '{% endif %}' * 6000)))
    docx(at('nested-loops.docx'), p(r('{% for a in items %}{% for b in items %}{% for c in items %}{{ c }}'
                                      '{% endfor %}{% endfor %}{% endfor %}')))
    docx(at('image-absolute.docx'), tag_paragraph('{% image "/etc/hostname" %}'))
    docx(at('image-photo.docx'), tag_paragraph('{% image photo %}'))
    # Nested XML elements ten thousand deep.
    docx(at('nested-xml.docx'), p(r('deep')) + '<w:sdt><w:sdtContent>' * 10000 + p(r('x')) + '</w:sdtContent></w:sdt>' * 10000)
    # WordprocessingML under another prefix: x: instead of w:, and the default namespace.
    other = (HEAD + '<x:document xmlns:x="%s" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:body>%s%s</x:body></x:document>'
             % (W, p(r('Dear {{ recipient.', prefix='x'), r('name }},', '00D2E3F4', prefix='x'), prefix='x'),
                SECT.replace('w:', 'x:')))
    write_zip(at('other-prefix.docx'), parts_of(other))
    default_ns = (HEAD + '<document xmlns="%s" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><body>'
                  '<p><r><t xml:space="preserve">Dear {{ recipient.name }},</t></r></p><sectPr/></body></document>' % W)
    write_zip(at('default-namespace.docx'), parts_of(default_ns))
    # Two pictures with the same drawing id, attributes in another order, in single quotes.
    png = (b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0) +
           struct.pack('>I', zlib.crc32(b'IHDR' + struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0))) +
           struct.pack('>I', 10) + b'IDAT' + zlib.compress(b'\x00\x00') + struct.pack('>I', zlib.crc32(b'IDAT' + zlib.compress(b'\x00\x00'))) +
           struct.pack('>I', 0) + b'IEND' + struct.pack('>I', zlib.crc32(b'IEND')))
    drawing = ('<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="360000" cy="360000"/>'
               '<wp:docPr name="Picture" id=\'7\'/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/>'
               '<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill><pic:spPr/></pic:pic>'
               '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    rels = DOC_RELS.replace('</Relationships>', '<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>')
    write_zip(at('repeated-docpr.docx'), parts_of(document(p(drawing) + tag_paragraph('For {{ recipient.name }}') + p(drawing)),
                                                  {'word/_rels/document.xml.rels': rels, 'word/media/image1.png': png}))
    # DOCTYPEs: an external entity and an entity bomb.
    xxe = document(p(r('Dear &host;')) + tag_paragraph('{{ name }}'))
    xxe = xxe.replace(HEAD, HEAD + '<!DOCTYPE w:document [<!ENTITY host SYSTEM "file:///etc/hostname">]>\r\n', 1)
    write_zip(at('xxe.docx'), parts_of(xxe))
    bomb = '<!DOCTYPE w:styles [<!ENTITY a0 "lollollollollollollollollol">' + ''.join(
        '<!ENTITY a%d "%s">' % (i, ('&a%d;' % (i - 1)) * 10) for i in range(1, 10)) + ']>'
    styles_bomb = STYLES.replace(HEAD, HEAD + bomb, 1).replace('w:styleId="Normal"', 'w:styleId="&a9;"')
    write_zip(at('entity-bomb-styles.docx'), parts_of(document(tag_paragraph('{{ name }}')), {'word/styles.xml': styles_bomb}))

    # --- damaged packages
    good = document(tag_paragraph('Dear {{ name }},'))
    with open(at('zip-slip.docx'), 'wb') as f:
        f.write(raw_zip(good_entries(good) + [entry('../../evil.txt', 'written outside')]))
    with open(at('zip-absolute.docx'), 'wb') as f:
        f.write(raw_zip(good_entries(good) + [entry('/tmp/reviewkit-evil.txt', 'written outside')]))
    with open(at('duplicate-entry.docx'), 'wb') as f:
        f.write(raw_zip(good_entries(good) + [entry('word/document.xml', document(p(r('the other one'))))]))
    bad_crc = list(good_entries(good))
    name, method, crc, size, stored = bad_crc[2]
    bad_crc[2] = (name, method, crc ^ 0xFFFF, size, stored)
    with open(at('bad-crc.docx'), 'wb') as f:
        f.write(raw_zip(bad_crc))
    with open(at('no-content-types.docx'), 'wb') as f:
        f.write(raw_zip([e for e in good_entries(good) if e[0] != '[Content_Types].xml']))
    with open(at('invalid-utf8.docx'), 'wb') as f:
        f.write(raw_zip([e for e in good_entries(good) if e[0] != 'word/document.xml'] +
                        [entry('word/document.xml', good.encode('utf-8').replace(b'Dear', b'D\xe9ar'))]))
    # 70,000 entries (Python's zipfile writes the ZIP64 end record such a file needs).
    write_zip(at('many-entries.docx'), parts_of(good) + [('customXml/item%d.xml' % i, '<a/>') for i in range(70000)],
              zipfile.ZIP_STORED)
    # Zip bombs: 2 GiB of zeros in word/document.xml, declared honestly, and declared as 2 KB.
    deflated, crc = zeros_deflated(2 << 30)
    others = [e for e in good_entries(good) if e[0] != 'word/document.xml']
    with open(at('zip-bomb.docx'), 'wb') as f:
        f.write(raw_zip(others + [('word/document.xml', 8, crc, (2 << 30) - 1, deflated)]))
    with open(at('zip-bomb-lying.docx'), 'wb') as f:
        f.write(raw_zip(others + [('word/document.xml', 8, crc, 2048, deflated)]))
    # A 2 MB .docx whose XML unpacks to half a gigabyte of paragraphs (its tree would take gigabytes).
    start = document('').split('<w:body>')[0].encode() + b'<w:body>'
    paragraphs = (p(r('x')) * 2000).encode()
    tail = b'</w:body></w:document>'
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bytearray(comp.compress(start))
    crc2, total = zlib.crc32(start), len(start)
    for _ in range(2000):
        body += comp.compress(paragraphs)
        crc2, total = zlib.crc32(paragraphs, crc2), total + len(paragraphs)
    body += comp.compress(tail) + comp.flush()
    crc2, total = zlib.crc32(tail, crc2), total + len(tail)
    with open(at('memory.docx'), 'wb') as f:
        f.write(raw_zip(others + [('word/document.xml', 8, crc2, total, bytes(body))]))
    with open(at('truncated.docx'), 'wb') as f:
        data = open(at('plain.docx'), 'rb').read()
        f.write(data[:len(data) // 2])
    with open(at('not-a-zip.docx'), 'wb') as f:
        f.write(b'This is a letter typed in Notepad and saved as .docx.\r\n')
    # A damaged part whose text must not reach stderr (libxml2 prints the document's text).
    secret = document(p(r('Shannon Marlow lives at 4 Elm Road')) + '<w:p><w:r><w:t>unclosed')
    write_zip(at('damaged-secret.docx'), parts_of(secret))

    # Forty parts of 1 MB each (each under the per-part ratio check) in a package of a few kilobytes.
    write_zip(at('many-small-bombs.docx'), parts_of(good) + [('customXml/item%d.xml' % i, '<a/>' * (1 << 18)) for i in range(40)])
    # document.xml in UTF-16 without a byte order mark.
    with open(at('utf16.docx'), 'wb') as f:
        f.write(raw_zip([e for e in good_entries(good) if e[0] != 'word/document.xml'] +
                        [entry('word/document.xml', good.encode('utf-16-le'))]))
    # One value of 20 MB, written forty times in one paragraph: 800 MB with no loop at all.
    with open(at('big-value.yaml'), 'w') as f:
        f.write('name: x\nbig: "' + 'a' * (20 << 20) + '"\n')
    docx(at('big-value.docx'), p(r('{{ big }}' * 40)))
    # A merge key (<<) over 50,000 keys, each set again: linear, not quadratic.
    with open(at('merge-keys.yaml'), 'w') as f:
        f.write('name: x\nbase: &base\n' + ''.join('  k%d: 1\n' % i for i in range(50000)) +
                'copy:\n  <<: *base\n' + ''.join('  k%d: 2\n' % i for i in range(50000)))

    # --- board profile with a number no int holds
    os.makedirs(at('boards'), exist_ok=True)

    # --- PDF forms
    with open(at('form-loop.pdf'), 'wb') as f:  # the page tree's kid refers back to itself
        f.write(pdf(['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>',
                     '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']))
    with open(at('form-nested-arrays.pdf'), 'wb') as f:
        f.write(pdf(['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
                     '<< /Type /Pages /Kids [] /Count 0 >>',
                     '<< /FT /Tx /T (x) /V ' + '[' * 100000 + ']' * 100000 + ' >>']))
    with open(at('form-count-lies.pdf'), 'wb') as f:
        f.write(pdf(['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>',
                     '<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>',
                     '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']))


if __name__ == '__main__':
    main(sys.argv[1])
