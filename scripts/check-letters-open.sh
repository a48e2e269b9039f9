#!/usr/bin/env bash
# Checks that every letter reviewkit writes for the sample opens in LibreOffice: writes them all,
# converts each to PDF with `soffice --headless --convert-to pdf`, and reports any that fail.
# Not part of the test suite (LibreOffice is large); --install installs it first when missing.
#   bash scripts/check-letters-open.sh [--install]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/need-libreoffice.sh
need_libreoffice "${1:-}"
bash scripts/build.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/reviewkit generate samples/child-a/case.yaml --all -o "$work/letters" --format docx >/dev/null
mapfile -t docs < <(find "$work/letters" -name '*.docx' | sort)
profile="$work/profile"
failed=0
for doc in "${docs[@]}"; do
  outdir="$work/pdf/$(basename "$(dirname "$doc")")"
  mkdir -p "$outdir"
  timeout 120 soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$outdir" "$doc" >/dev/null 2>&1 || true
  pdf="$outdir/$(basename "${doc%.docx}").pdf"
  if [ -s "$pdf" ] && pdfinfo "$pdf" >/dev/null 2>&1; then
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    echo "ok    ${doc#$work/letters/} ($pages page$([ "$pages" = 1 ] || echo s))"
  else
    echo "FAIL  ${doc#$work/letters/}: LibreOffice could not convert it"
    failed=$((failed + 1))
  fi
done
echo "check-letters-open: ${#docs[@]} letters, $failed could not be opened"
[ $failed -eq 0 ]
