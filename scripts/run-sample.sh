#!/usr/bin/env bash
# The main job on the bundled sample case: build reviewkit, check the sample case file and print
# its summary, then write every letter of the review for it, as DOCX and PDF, into out/sample/letters/.
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
echo "The sample's letters are in out/sample/letters/ (one folder a kind of document, each letter as DOCX and PDF)."
