#!/usr/bin/env bash
# Chronologies: checking and merging 20 agency returns of 500 entries each, given as DOCX filled
# as Word saves them (bench/chronology/make_returns.py), into the integrated chronology — as CSV,
# and as DOCX and PDF with the analysis and the timeline — beside the least a Python script can do
# of the same (bench/chronology/baseline.py: read the tables, sort, write CSV; no checks). Half the
# returns too, to show memory follows the entries. Outputs to memory (/dev/shm). Writes the figures
# to docs/performance.md.
#   bash bench/chronology/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash scripts/build.sh >/dev/null
shm=$( [ -d /dev/shm ] && mktemp -d /dev/shm/reviewkit-chron.XXXXXX || mktemp -d /tmp/reviewkit-chron.XXXXXX )
trap 'rm -rf "$shm"' EXIT
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$shm/time" "$@" >/dev/null 2>"$shm/err" || { cat "$shm/err" >&2; exit 1; }
  read -r secs user sys kb < "$shm/time"
  echo "$secs $(python3 -c "print(round($user + $sys, 2))") $((kb / 1024))"
}
case=samples/child-a/case.yaml
python3 bench/chronology/make_returns.py "$shm/in20" 20 500 >/dev/null
python3 bench/chronology/make_returns.py "$shm/in10" 10 500 >/dev/null
in20=$(ls "$shm"/in20/*.docx); in10=$(ls "$shm"/in10/*.docx)
bytes=$(du -sk "$shm/in20" | cut -f1)
read -r chk_s chk_cpu chk_mb < <(measure build/reviewkit chronology check $in20 --case $case)
read -r csv_s csv_cpu csv_mb < <(measure build/reviewkit chronology merge $in20 --case $case -o "$shm/out.csv")
read -r docx_s docx_cpu docx_mb < <(measure build/reviewkit chronology merge $in20 --case $case -o "$shm/out.docx")
read -r pdf_s pdf_cpu pdf_mb < <(measure build/reviewkit chronology merge $in20 --case $case -o "$shm/out.pdf")
read -r half_s half_cpu half_mb < <(measure build/reviewkit chronology merge $in10 --case $case -o "$shm/half.csv")
read -r py_s py_cpu py_mb < <(measure python3 bench/chronology/baseline.py "$shm/base.csv" $in20)
entries=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig'))))" "$shm/base.csv")
pages=$(pdfinfo "$shm/out.pdf" | awk '/^Pages:/ {print $2}')
echo "bench: check ${chk_s}s; merge to CSV ${csv_s}s, DOCX ${docx_s}s, PDF ${pdf_s}s ($pages pages); baseline ${py_s}s"
cores=$(nproc); cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo | sed 's/ [0-9]*-Core Processor//')
python3 - "$root/docs/performance.md" <<PY
import sys, datetime
sys.path.insert(0, 'bench')
from put_section import put
section = """<!-- chronology: written by bench/chronology/run.sh -->
## Chronologies: checking and merging agency returns

\`bash bench/chronology/run.sh\` on $cores cores ($cpu), {day}: 20 agency returns of 500 entries
each ($entries entries, ${bytes} KB of DOCX), made by bench/chronology/make_returns.py as Word
saves a filled template (runs split mid-word, proofing marks, the table split in two with its
heading row pasted again, cells of two paragraphs), read from and written to memory (/dev/shm).
Wall-clock time of the whole command, start-up included, its CPU time (user + system) and peak
memory, from GNU time.

| job | time | CPU | peak memory |
|---|---|---|---|
| \`reviewkit chronology check\` (every rule, against the case) | $chk_s s | $chk_cpu s | $chk_mb MB |
| \`reviewkit chronology merge -o .csv\` (check, merge, anonymise, analyse) | $csv_s s | $csv_cpu s | $csv_mb MB |
| the same, half the returns (10 × 500) | $half_s s | $half_cpu s | $half_mb MB |
| \`reviewkit chronology merge -o .docx\` (with the analysis and the timeline as PNG) | $docx_s s | $docx_cpu s | $docx_mb MB |
| \`reviewkit chronology merge -o .pdf\` ($pages pages, the timeline as vector art) | $pdf_s s | $pdf_cpu s | $pdf_mb MB |
| bench/chronology/baseline.py: Python's standard library reads the tables, sorts, writes a CSV (no checks, no anonymising, no analysis) | $py_s s | $py_cpu s | $py_mb MB |

The goal was under 1 s for checking and merging the 20 returns: **not met** on this machine
(merge to CSV $csv_s s, of which checking is $chk_s s). Reading the returns is most of it: each is
about 1.6 MB of Word XML, parsed by libxml2 and turned into the one document model (styles resolved
for every run) that the layout, the QA rules and the scanner share; then allocating and freeing
that model. The returns are read on both cores, and the anonymised view is made on both. Lighter
reading of a table (without resolving every run's style) is the next step; the document model
is not bypassed, because every finding must name its place in the same terms.

The tool boards use for this job today, Chronolator, is an add-in for Microsoft Word on Windows and
cannot be run on this machine; its users describe the merge in minutes. The Python script is the
floor of the job, not a rival: it does none of the checking. Memory follows the entries read at
once, not the whole: $half_mb MB for half the returns, $csv_mb MB for all of them; the DOCX and PDF
add the pages they lay out.
<!-- /chronology -->""".replace('{day}', datetime.date.today().isoformat())
put(sys.argv[1], 'chronology', section)
PY
