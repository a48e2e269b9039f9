#!/usr/bin/env bash
# The main job on the bundled sample case: build reviewkit, check the sample case file and print
# its summary, then write every letter of the review for it, as DOCX and PDF, into out/sample/letters/,
# and the letters the case allowed at each earlier stage into out/sample/stages/.
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
echo "The sample's letters are in out/sample/letters/ (one folder a kind of document, each letter as DOCX and PDF);"
echo "out/sample/stages/ holds the letters each earlier stage of the case allowed."
