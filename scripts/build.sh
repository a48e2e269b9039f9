#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then configures and builds reviewkit into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
