#!/usr/bin/env bash
# The main job on the bundled sample case: build reviewkit, check the sample case file and print
# its summary, then write every letter of the review for it, as DOCX and PDF, into out/sample/letters/,
# the letters the case allowed at each earlier stage into out/sample/stages/, and the chronologies
# (agencies' templates, the returns checked and merged, the timeline) into out/sample/chronology/,
# the family's genogram into out/sample/genogram/, and numbered copies of the integrated chronology with
# their sign-out register into out/sample/copies/.
# The CLI is then at build/reviewkit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
echo
echo "\$ reviewkit validate samples/child-a/case.yaml"
build/reviewkit validate samples/child-a/case.yaml
echo
# Every document templates/documents.yaml declares that the sample's stage allows, each to all its
# recipients, as DOCX and PDF (--force: a second run replaces the first's files).
echo "\$ reviewkit generate samples/child-a/case.yaml --all -o out/sample/letters --format docx,pdf --force"
mkdir -p out/sample
build/reviewkit generate samples/child-a/case.yaml --all -o out/sample/letters --format docx,pdf --force
echo
# The same case as it stood at earlier stages (samples/child-a/make-stages.py), each on its day:
# what the review's stage allows then, written as DOCX into out/sample/stages/STAGE/.
mkdir -p out/sample/stages
for stage in referred:2025-01-20 scoped:2025-03-10 reports-in:2025-06-02 no-review:2025-02-12 alternative:2025-02-12; do
  name=${stage%%:*} day=${stage#*:}
  echo "\$ reviewkit validate samples/child-a/$name.yaml --today $day --quiet && reviewkit generate … --all"
  build/reviewkit validate "samples/child-a/$name.yaml" --today "$day" --quiet
  build/reviewkit timescales "samples/child-a/$name.yaml" --today "$day" | head -1
  build/reviewkit generate "samples/child-a/$name.yaml" --all -o "out/sample/stages/$name" --format docx --today "$day" --force \
    | grep -v '^left out'
done
echo
# Chronologies: each agency's template in the board's columns; the agencies' returns as they came
# back (samples/child-a/returns: Word, Excel's CSV, a workbook, YAML) checked, then merged into the
# integrated chronology with its analysis and timeline, in every format; the timeline on its own.
R=samples/child-a/returns
mkdir -p out/sample/chronology
echo "\$ reviewkit chronology template samples/child-a/case.yaml --each -o out/sample/chronology/templates --format docx,xlsx,csv --force"
build/reviewkit chronology template samples/child-a/case.yaml --each -o out/sample/chronology/templates --format docx,xlsx,csv --force
echo "\$ reviewkit chronology check $R/*.docx $R/*.csv $R/*.xlsx $R/*.yaml --case samples/child-a/case.yaml"
build/reviewkit chronology check $R/*.docx $R/*.csv $R/*.xlsx $R/*.yaml --case samples/child-a/case.yaml
for f in docx pdf xlsx csv yaml; do
  echo "\$ reviewkit chronology merge … --case samples/child-a/case.yaml -o out/sample/chronology/integrated.$f --force"
  build/reviewkit chronology merge $R/*.docx $R/*.csv $R/*.xlsx $R/*.yaml --case samples/child-a/case.yaml \
    -o out/sample/chronology/integrated.$f --force 2>/dev/null
done
echo "\$ reviewkit figure timeline samples/child-a/case.yaml -o out/sample/chronology/timeline.svg --force"
build/reviewkit figure timeline samples/child-a/case.yaml -o out/sample/chronology/timeline.svg --force
# The family's genogram as known today and as it was on the day of the incident.
mkdir -p out/sample/genogram
for f in svg pdf png; do
  echo "\$ reviewkit figure genogram samples/child-a/case.yaml -o out/sample/genogram/genogram.$f --force"
  build/reviewkit figure genogram samples/child-a/case.yaml -o out/sample/genogram/genogram.$f --force
done
echo "\$ reviewkit figure genogram samples/child-a/case.yaml --as-of 2025-01-14 -o out/sample/genogram/on-the-incident.png --force"
build/reviewkit figure genogram samples/child-a/case.yaml --as-of 2025-01-14 -o out/sample/genogram/on-the-incident.png --force
# Numbered copies of the integrated chronology (a restricted document) for those Tameside's procedure
# (002) gives hard copies to, each marked on every page with whom it is issued to, and their
# sign-out register (docs/copies.md).
echo "\$ reviewkit copies out/sample/chronology/integrated.pdf --case samples/child-a/case.yaml -o out/sample/copies --force"
build/reviewkit copies out/sample/chronology/integrated.pdf --case samples/child-a/case.yaml -o out/sample/copies --force
echo
echo "The sample's letters are in out/sample/letters/ (one folder a kind of document, each letter as DOCX and PDF);"
echo "out/sample/stages/ holds the letters each earlier stage of the case allowed; out/sample/chronology/ the"
echo "agencies' chronology templates, the integrated chronology (DOCX, PDF, XLSX, CSV, YAML) and its timeline;"
echo "out/sample/genogram/ the family's genogram (SVG, PDF, PNG) today and as it was on the day of the incident;"
echo "out/sample/copies/ the numbered copies of the integrated chronology and their sign-out register."
