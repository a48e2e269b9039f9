#!/usr/bin/env bash
# The main job on the bundled sample case: build reviewkit, then check the sample case file and
# print its summary. The CLI is then at build/reviewkit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
echo
echo "\$ build/reviewkit validate samples/child-a/case.yaml"
build/reviewkit validate samples/child-a/case.yaml
