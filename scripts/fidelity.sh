#!/usr/bin/env bash
# Compares reviewkit's PDFs with LibreOffice's for every template in templates/letters/ and for one
# filled letter of each kind for the sample case: the same text in the same order (pdftotext,
# whitespace normalised) and the same number of pages. Renders page 1 of each side as PNG into
# docs/fidelity/ and writes the table to docs/fidelity.md. Not part of the tests (LibreOffice is
# large); --install installs LibreOffice first when it is missing.
#   bash scripts/fidelity.sh [--install]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/need-libreoffice.sh
need_libreoffice "${1:-}"
bash scripts/build.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/rk" "$work/lo" docs/fidelity
cp templates/letters/*.docx "$work/in/"
build/reviewkit generate samples/child-a/case.yaml --all -o "$work/letters" --format docx >/dev/null
for dir in "$work"/letters/*/; do
  first=$(ls "$dir" | head -1)
  cp "$dir/$first" "$work/in/sample-$(basename "$dir").docx"
done
cp "$work/letters/debrief-invitation/debrief-invitations-to-print.docx" "$work/in/sample-debrief-batch.docx"
cp tests/fixtures/pdf-features.docx "$work/in/fixture-pdf-features.docx"
cp tests/fixtures/wordlike-letter.docx "$work/in/fixture-wordlike-letter.docx"

for doc in "$work"/in/*.docx; do
  build/reviewkit render "$doc" -o "$work/rk/$(basename "${doc%.docx}").pdf" >/dev/null 2>&1 || echo "fidelity: reviewkit could not render $(basename "$doc")"
done
soffice -env:UserInstallation=file://"$work/profile" --headless --convert-to pdf --outdir "$work/lo" "$work"/in/*.docx >/dev/null 2>&1
rm -f docs/fidelity/*.png
python3 - "$work" <<'PY'
import difflib, os, re, subprocess, sys
work = sys.argv[1]
rows, passed = [], 0
names = sorted(os.path.splitext(n)[0] for n in os.listdir(os.path.join(work, 'in')))
def text(pdf):
    out = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True).stdout
    return re.sub(r'\s+', ' ', out).strip()
def pages(pdf):
    out = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
    m = re.search(r'^Pages:\s+(\d+)', out, re.M)
    return int(m.group(1)) if m else 0
for n in names:
    rk, lo = os.path.join(work, 'rk', n + '.pdf'), os.path.join(work, 'lo', n + '.pdf')
    if not os.path.exists(rk) or not os.path.exists(lo):
        rows.append(f'| {n} | – | – | missing output | no |')
        continue
    a, b = text(rk), text(lo)
    pa, pb = pages(rk), pages(lo)
    same_text = a == b
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    same_pages = pa == pb if max(pa, pb) <= 3 else abs(pa - pb) <= 0.05 * pb
    ok = same_text and same_pages
    passed += ok
    note = 'identical' if same_text else f'{ratio:.1%} similar'
    if not same_text:
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != 'equal':
                note += f'; first difference: reviewkit "{a[max(0,i1-20):i2+20]}" / LibreOffice "{b[max(0,j1-20):j2+20]}"'
                break
    for side, pdf in (('reviewkit', rk), ('libreoffice', lo)):
        subprocess.run(['pdftoppm', '-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', pdf,
                        os.path.join('docs', 'fidelity', f'{n}-{side}')], check=False)
    rows.append(f'| {n} | {pa} | {pb} | {note.replace("|", "/")} | {"yes" if ok else "no"} | '
                f'![reviewkit](fidelity/{n}-reviewkit.png) ![LibreOffice](fidelity/{n}-libreoffice.png) |')
lo_version = subprocess.run(['soffice', '--version'], capture_output=True, text=True).stdout.strip()
with open('docs/fidelity.md', 'w') as f:
    f.write('# Fidelity: reviewkit\'s PDFs against LibreOffice\'s\n\n')
    f.write('`bash scripts/fidelity.sh` renders every letter template and one filled letter of each kind for the sample '
            'case with `reviewkit render` and with LibreOffice (' + lo_version + '), and compares the text of each pair '
            '(pdftotext -layout, which reads each page top to bottom; whitespace normalised) and their number of pages (the same up to 3 pages, within 5 % above). '
            'Page 1 of each side is shown as rendered (30 dpi).\n\n')
    f.write(f'{passed} of {len(rows)} documents pass.\n\n')
    f.write('| document | reviewkit pages | LibreOffice pages | text | pass | page 1: reviewkit, LibreOffice |\n|---|---|---|---|---|---|\n')
    f.write('\n'.join(rows) + '\n')
print(f'fidelity: {passed} of {len(rows)} documents pass; see docs/fidelity.md')
PY
