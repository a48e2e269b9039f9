#!/usr/bin/env bash
# PDF output checked with the tools a user would use (poppler's pdftotext, pdffonts, pdfinfo and
# qpdf). Exits 77 (reported by ctest as skipped, not passed) when one of them is missing.
# Usage: pdf_end_to_end.sh BUILD/reviewkit REPO
set -u  # no pipefail: grep -q ends pipes early on purpose
bin=$1
repo=$2
for tool in pdftotext pdffonts pdfinfo qpdf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool is not installed (bash scripts/setup.sh installs it)"; exit 77; }
done
cd "$repo"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every letter template renders, with every font embedded and its text extractable.
for t in templates/letters/*.docx; do
  name=$(basename "$t" .docx)
  "$bin" render "$t" -o "$tmp/$name.pdf" >/dev/null 2>"$tmp/err" || { fail "$name: $(cat "$tmp/err")"; continue; }
  not_embedded=$(pdffonts "$tmp/$name.pdf" | awk 'NR > 2 && $(NF-4) != "yes"')
  [ -z "$not_embedded" ] || fail "$name: fonts not embedded: $not_embedded"
  # The unfilled template's letterhead tag is in every letter's header: its text must come out whole.
  pdftotext "$tmp/$name.pdf" - | grep -q "{{ board.name }}" || fail "$name: the header's text could not be extracted"
done

# The sample's letters as PDF: the real values, and one page each for the agencies' notifications.
"$bin" letters templates/letters/agency-notification.docx samples/child-a/case.yaml --each agencies --pdf \
  -o "$tmp/agencies" --name '{{ recipient.abbreviation }}' --combined "$tmp/all.pdf" >/dev/null 2>"$tmp/err" \
  || fail "agency letters as PDF: $(cat "$tmp/err")"
pdftotext "$tmp/agencies/CSC.pdf" - | grep -q "Dear Ms Kowalczyk," || fail "the CSC letter does not greet its recipient"
pdftotext "$tmp/agencies/CSC.pdf" - | grep -q "Ellis Marlow-Quinn (born 3 November 2022)" || fail "the CSC letter lacks the child's name"
one=$(pdfinfo "$tmp/agencies/CSC.pdf" | awk '/^Pages:/ {print $2}')
[ "$one" -ge 2 ] || fail "the CSC letter is not a letter and its enclosure ($one pages)"
total=0
for f in "$tmp/agencies"/*.pdf; do total=$((total + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
[ "$(pdfinfo "$tmp/all.pdf" | awk '/^Pages:/ {print $2}')" = "$total" ] || fail "the combined PDF is not the $total pages of the 8 letters"
pdfinfo "$tmp/all.pdf" | grep -q "^Keywords: *NSCB/SCR/2025/01" || fail "the PDF's keywords are not the review reference"
# The letters are in the order of the case's agencies: the second (Police) starts after the first (CSC).
pdftotext -f $((one + 2)) -l $((one + 2)) "$tmp/all.pdf" - | grep -q "Page 2 of $(pdfinfo "$tmp/agencies/Police.pdf" | awk '/^Pages:/ {print $2}')" \
  || fail "page numbers do not restart with each letter"

# A long table repeats its header row on every page, and page X of Y counts.
"$bin" render tests/fixtures/pdf-features.docx -o "$tmp/features.pdf" >/dev/null 2>"$tmp/err" || fail "pdf-features: $(cat "$tmp/err")"
grep -q "the font 'Frutiger Roman' is not installed" "$tmp/err" || fail "no warning for a missing font"
pages=$(pdfinfo "$tmp/features.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 3 ] || fail "the long table should take at least 3 pages, took $pages"
for p in $(seq 1 "$pages"); do
  pdftotext -f "$p" -l "$p" "$tmp/features.pdf" - | grep -q "Repeated heading" || fail "page $p lacks the table's header row"
  pdftotext -f "$p" -l "$p" "$tmp/features.pdf" - | grep -q "Page $p of $pages" || fail "page $p lacks 'Page $p of $pages'"
done
pdftotext "$tmp/features.pdf" - | grep -q "£ – ’ é ü" || fail "Unicode text is not extractable"

# Encryption: AES-256, and the password is needed.
echo "correct horse" > "$tmp/pw"
"$bin" letters templates/letters/coroner-letter.docx samples/child-a/case.yaml --each contacts.coroner --pdf --encrypt \
  --password-file "$tmp/pw" -o "$tmp/enc" >/dev/null 2>"$tmp/err" || fail "encrypted letter: $(cat "$tmp/err")"
qpdf --show-encryption --password="correct horse" "$tmp/enc/1.pdf" >"$tmp/enc.txt" 2>&1
grep -q "R = 6" "$tmp/enc.txt" && grep -q "AESv3" "$tmp/enc.txt" || fail "not AES-256 (R6): $(cat "$tmp/enc.txt")"
pdftotext "$tmp/enc/1.pdf" - >/dev/null 2>&1 && fail "the encrypted PDF opened without its password"
pdftotext -upw "correct horse" "$tmp/enc/1.pdf" - | grep -q "Dr Voss" || fail "the encrypted PDF does not open with its password"

# Broken inputs: a clear message, exit 1, no PDF.
printf 'not a document' > "$tmp/notes.docx"
"$bin" render "$tmp/notes.docx" -o "$tmp/notes.pdf" >/dev/null 2>"$tmp/err"; status=$?
[ $status -eq 1 ] || fail "a text file as .docx exited $status"
grep -q "it is not a Word .docx file" "$tmp/err" || fail "unclear message for a text file: $(cat "$tmp/err")"
"$bin" render tests/fixtures/broken-picture.docx -o "$tmp/bp.pdf" >/dev/null 2>"$tmp/err"; status=$?
[ $status -eq 1 ] || fail "a broken picture exited $status"
grep -q "word/media/image1.png cannot be drawn" "$tmp/err" || fail "unclear message for a broken picture: $(cat "$tmp/err")"
[ ! -e "$tmp/notes.pdf" ] && [ ! -e "$tmp/bp.pdf" ] || fail "a PDF was written for a broken input"

if [ $failures -eq 0 ]; then echo "pdf end to end: all checks passed"; else echo "pdf end to end: $failures failed"; exit 1; fi
