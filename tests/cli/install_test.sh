#!/usr/bin/env bash
# `cmake --install` into a fresh prefix gives a working reviewkit (issue 9): the program finds its
# templates and board profiles beside itself (PREFIX/share/reviewkit), also after the prefix is
# moved, and never in the source tree; every command has a man page made from its --help; bash
# completes the commands and options.
# Usage: install_test.sh BUILD_DIR REPO
set -u
build=$1
repo=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset REVIEWKIT_DATA

cmake --install "$build" --prefix "$tmp/first" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
# A prefix that is moved keeps working: the data is found from the program's own place.
mv "$tmp/first" "$tmp/prefix"
prefix=$tmp/prefix
bin=$prefix/bin/reviewkit
[ -x "$bin" ] || fail "no $bin"

version=$("$bin" --version)
grep -qx "data: $prefix/share/reviewkit (installed with the program; REVIEWKIT_DATA=DIR chooses another)" <<<"$version" \
  || fail "--version does not name the installed data: $version"
for f in templates/boards/northbrook.yaml templates/boards/default.yaml templates/letters/agency-notification.docx \
         templates/forms/referral.yaml samples/child-a/case.yaml; do
  [ -f "$prefix/share/reviewkit/$f" ] || fail "not installed: share/reviewkit/$f"
done
[ ! -e "$prefix/share/reviewkit/templates/letters/make_letters.py" ] || fail "a build script was installed"

# The sample, from a folder that is neither the source tree nor the prefix.
mkdir -p "$tmp/work" && cd "$tmp/work"
cp -r "$prefix/share/reviewkit/samples/child-a" child-a
"$bin" validate child-a/case.yaml --today 2026-06-30 >"$tmp/out" 2>"$tmp/err" \
  || fail "validate on the sample from the prefix: $(cat "$tmp/err")"
grep -q "^Serious Case Review " "$tmp/out" || fail "no summary: $(head -3 "$tmp/out")"
"$bin" letters "$prefix/share/reviewkit/templates/letters/agency-notification.docx" child-a/case.yaml --each agencies \
  -o letters/ --today 2026-06-30 >"$tmp/out" 2>"$tmp/err" || fail "letters from the prefix: $(cat "$tmp/err")"
[ "$(find letters -name '*.docx' | wc -l)" -ge 3 ] || fail "no letters written: $(ls letters 2>&1)"
"$bin" form build "$prefix/share/reviewkit/templates/forms/referral.yaml" -o referral.pdf >/dev/null 2>"$tmp/err" \
  || fail "form build from the prefix: $(cat "$tmp/err")"
# With REVIEWKIT_DATA pointing elsewhere, that is where board profiles come from.
mkdir -p "$tmp/other/templates/boards"
REVIEWKIT_DATA=$tmp/other "$bin" validate child-a/case.yaml --today 2026-06-30 >/dev/null 2>"$tmp/err" \
  && fail "REVIEWKIT_DATA without the board profile still validated"
grep -q "northbrook" "$tmp/err" || fail "the missing board profile is not named: $(cat "$tmp/err")"

# A man page for reviewkit and for each command, with the command's own help text.
for page in reviewkit reviewkit-validate reviewkit-fill reviewkit-letters reviewkit-render reviewkit-form; do
  f=$prefix/share/man/man1/$page.1
  [ -f "$f" ] || { fail "no man page $page.1"; continue; }
  head -1 "$f" | grep -q "^\.TH ${page^^} 1" || fail "$page.1 has no .TH line"
done
grep -q 'extension (.docx or .pdf, in any case) is the format' "$prefix/share/man/man1/reviewkit-fill.1" \
  || fail "reviewkit-fill.1 is not fill's help text"
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -P-cbu "$prefix/share/man/man1/reviewkit-letters.1" >"$tmp/page" 2>"$tmp/err" || fail "groff failed"
  [ ! -s "$tmp/err" ] || fail "groff warns on reviewkit-letters.1: $(head -3 "$tmp/err")"
  grep -q "OPTIONS" "$tmp/page" || fail "reviewkit-letters.1 has no OPTIONS"
fi

# Bash completion: commands, then a command's options.
completion=$prefix/share/bash-completion/completions/reviewkit
words=$(bash -c 'source "$1"; COMP_WORDS=(reviewkit le); COMP_CWORD=1; _reviewkit; echo "${COMPREPLY[*]}"' _ "$completion")
[ "$words" = "letters" ] || fail "completing 'reviewkit le' gave '$words'"
words=$(bash -c 'source "$1"; COMP_WORDS=(reviewkit fill --for); COMP_CWORD=2; _reviewkit; echo "${COMPREPLY[*]}"' _ "$completion")
[ "$words" = "--force --format" ] || fail "completing 'reviewkit fill --for' gave '$words'"

[ $failures -eq 0 ] && echo "install: all checks passed"
exit $((failures > 0))
