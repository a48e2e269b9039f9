#!/usr/bin/env bash
# The real binary on the bundled sample, as a user runs it:
# - validate passes on the sample and prints its summary;
# - each broken copy in samples/child-a/broken/ fails with exit 1 and exactly the messages in its
#   .expected file (refresh them with: python3 samples/child-a/broken/make-broken.py --refresh);
# - `generate --all` (the main job's command) fills every document kind of templates/documents.yaml
#   from the sample with no missing data, and the results are well-formed Word documents.
# Usage: sample_end_to_end.sh BUILD/reviewkit REPO
set -u  # no pipefail: grep -q ends pipes early on purpose
bin=$1
repo=$2
cd "$repo"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$bin" validate samples/child-a/case.yaml --today 2026-06-30 2>"$tmp/err"); status=$?
[ $status -eq 0 ] || fail "validate on the sample exited $status: $(cat "$tmp/err")"
grep -q "^Serious Case Review " <<<"$out" || fail "the sample's summary has no title line: $out"
grep -q "^Deadlines (" <<<"$out" || fail "the sample's summary has no deadlines"

for broken in samples/child-a/broken/*.yaml; do
  expected=${broken%.yaml}.expected
  "$bin" validate "$broken" >"$tmp/out" 2>"$tmp/err"; status=$?
  [ $status -eq 1 ] || fail "$broken: exit $status, expected 1"
  diff -u "$expected" "$tmp/err" >"$tmp/diff" || fail "$broken: messages differ from $expected:
$(cat "$tmp/diff")"
done

# The main job's command: every document of templates/documents.yaml the sample's stage allows.
"$bin" generate samples/child-a/case.yaml --all -o "$tmp/letters" --format docx,pdf --today 2026-06-30 >"$tmp/log" 2>&1 \
  || fail "writing the sample's letters: $(tail -5 "$tmp/log")"
# Every kind is written, except those the sample does not need (another decision's letters).
written=$(find "$tmp/letters" -mindepth 1 -maxdepth 1 -type d | wc -l)
not_needed=$(grep -c '^left out .*: this case does not need it' "$tmp/log" || true)
[ "$((written + not_needed))" -eq "$(grep -c '^  - id: ' templates/documents.yaml)" ] \
  || fail "not every kind of templates/documents.yaml was written ($written written, $not_needed not needed): $(ls "$tmp/letters")"
[ -f "$tmp/letters/debrief-invitation/debrief-invitations-to-print.docx" ] || fail "no combined debrief invitations"
grep -q "^wrote [0-9]* files to " "$tmp/log" || fail "generate's summary line is missing: $(tail -2 "$tmp/log")"
count=$(find "$tmp/letters" -name '*.docx' | wc -l)
[ "$count" -ge 60 ] || fail "expected the sample's letters, found $count documents"

# Every output is a zip whose XML parts are well formed, and no tag is left in any of them.
while IFS= read -r f; do
  mkdir -p "$tmp/x" && rm -rf "$tmp/x"/* && unzip -q -o "$f" -d "$tmp/x" || { fail "$f is not a zip"; continue; }
  for part in "$tmp"/x/word/*.xml; do
    xmllint --noout "$part" 2>"$tmp/err" || fail "$f: $(basename "$part") is not well-formed: $(head -3 "$tmp/err")"
    grep -q -E '\{\{|\{%' "$part" && fail "$f: $(basename "$part") still holds a tag"
  done
done < <(find "$tmp/letters" -name '*.docx')

if [ $failures -eq 0 ]; then echo "sample end to end: all checks passed"; else echo "sample end to end: $failures failed"; exit 1; fi
