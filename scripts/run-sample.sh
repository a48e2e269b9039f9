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
bash scripts/letters-for-sample.sh samples/child-a/case.yaml out/sample/letters
echo
echo "The sample's letters are in out/sample/letters/ (one folder a template, each letter as DOCX and PDF)."
