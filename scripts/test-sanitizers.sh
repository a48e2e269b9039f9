#!/usr/bin/env bash
# Builds reviewkit with AddressSanitizer (LeakSanitizer included) and UndefinedBehaviorSanitizer into
# build-asan/ and runs the whole test suite there; any finding fails the run. .ci/run runs it after
# the normal build's tests.   bash scripts/test-sanitizers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREVIEWKIT_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd build-asan
ctest --output-on-failure -j"$(nproc)"
