#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang, AddressSanitizer and UBSan into build-fuzz/,
# seeds their corpora from samples/, templates/ and tests/, and runs each for SECONDS (default 600).
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      targets: yaml template docx form returns pdf crypt
# Each run's last status line goes to build-fuzz/logs/TARGET.log; a crash leaves crash-* in
# build-fuzz/artifacts/ and the script exits 1. docs/reliability.md records the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(yaml template docx form returns pdf crypt)
bash scripts/setup.sh
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: installing clang (libFuzzer comes with it)"
  ${SUDO:-$( [ "$(id -u)" -ne 0 ] && echo "sudo -n" )} apt-get install -y -qq --no-install-recommends clang </dev/null
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREVIEWKIT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cli=""  # the command builds the form seeds; pdf and crypt do not need it
for t in "${targets[@]}"; do [ "$t" = pdf ] || [ "$t" = crypt ] || cli=reviewkit; done
cmake --build build-fuzz -j"$(nproc)" --target $cli $(printf 'fuzz_%s ' "${targets[@]}")
corpus=build-fuzz/corpus
mkdir -p "$corpus"/{yaml,template,docx,form,returns,pdf,crypt} build-fuzz/artifacts build-fuzz/logs
# Seeds: every YAML and Word file of the repository, the forms reviewkit builds, and the hostile
# files of tests/bad (their regression inputs included).
find samples templates tests -name '*.yaml' -exec cp -t "$corpus/yaml" {} + 2>/dev/null || true
find samples templates tests -name '*.docx' -exec cp -t "$corpus/docx" {} + 2>/dev/null || true
for f in templates/letters/*.docx tests/fixtures/*.docx; do  # their document.xml, for the XML mode
  unzip -p "$f" word/document.xml >"$corpus/docx/$(basename "$f" .docx).document.xml" 2>/dev/null || true
done
# Chronology returns: the sample's, as agencies sent them, and the broken copies.
find samples/child-a/returns -name '*.csv' -o -name '*.xlsx' -o -name '*.docx' | xargs -r cp -t "$corpus/returns" 2>/dev/null || true
cp tests/fuzz/regressions/returns-* "$corpus/returns/" 2>/dev/null || true
cp tests/fuzz/regressions/yaml-* "$corpus/yaml/" 2>/dev/null || true
cp tests/fuzz/regressions/docx-* "$corpus/docx/" 2>/dev/null || true
cp tests/fuzz/regressions/form-* "$corpus/form/" 2>/dev/null || true
cp tests/fuzz/regressions/template-* "$corpus/template/" 2>/dev/null || true
cp tests/fuzz/regressions/pdf-* "$corpus/pdf/" 2>/dev/null || true
# Encrypted documents (password "pw", one hash iteration: tests/fuzz/fuzz_crypt.cpp says why).
cp tests/fuzz/regressions/crypt-* "$corpus/crypt/" 2>/dev/null || true
for f in templates/forms/*.yaml; do
  [ -x build-fuzz/reviewkit ] || break
  build-fuzz/reviewkit form build "$f" -o "$corpus/form/$(basename "$f" .yaml).pdf" --force >/dev/null 2>&1 || true
done
# The scanner's PDFs: LibreOffice's and qpdf's (tests/fixtures/scan/), and the forms reviewkit builds.
find tests/fixtures/scan -name '*.pdf' -exec cp -t "$corpus/pdf" {} + 2>/dev/null || true
cp "$corpus"/form/*.pdf "$corpus/pdf/" 2>/dev/null || true
printf '%s' 'Dear {{ name }},{% for a in agencies %}{{ loop.index }}. {{ a.name | upper }}{% endfor %}' >"$corpus/template/seed1"
printf '%s' $'{% if flag and not empty %}{{ when | date: "d MMMM yyyy" }}\x01{% elif age > 3 %}x{% else %}y{% endif %}' >"$corpus/template/seed2"
printf '%s' $'{%\x01 for p in people %}\x02{{ p }}\x02{% endfor %}{% image "logo.png" width: 3cm %}' >"$corpus/template/seed3"
printf '%s' $'{% for k, v in map restart-numbering %}{{ items[-1] + 2 * (x | count) - -3 / k }}\x01{% if a in ["p", 1] and b not in c %}{{ items[loop.index0].n | title }}{% endif %}{% endfor %}' >"$corpus/template/seed4"
status=0
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${seconds}s"
  # Memory: ASan reserves far more address space than it uses, so the cap is on resident memory.
  # fontconfig's own caches live as long as the process (tests/sanitizers/lsan.supp says why).
  if ! ASAN_OPTIONS=detect_leaks=1:hard_rss_limit_mb=4096 LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0" \
       build-fuzz/tests/fuzz/fuzz_"$t" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -max_len=1048576 \
       -artifact_prefix=build-fuzz/artifacts/"$t"- -print_final_stats=1 "$corpus/$t" >build-fuzz/logs/"$t".log 2>&1; then
    echo "fuzz: $t FOUND A CRASH: see build-fuzz/logs/$t.log and build-fuzz/artifacts/" >&2
    status=1
  fi
  grep -E '^(#[0-9]+|stat::number_of_executed_units|stat::peak_rss_mb)' build-fuzz/logs/"$t".log | tail -3
done
exit $status
