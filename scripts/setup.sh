#!/usr/bin/env bash
# Installs the Debian packages reviewkit needs to build and test, and only those that are missing.
# Idempotent, asks no questions (CI has no standard input), says what it installs.
set -euo pipefail

packages=(
  # build (python3 also makes the man pages from --help)
  cmake g++ make pkg-config python3
  # libraries
  libyaml-cpp-dev libzip-dev zlib1g-dev libxml2-dev libpodofo-dev libfontconfig-dev libfreetype-dev libcairo2-dev
  # reading PDFs' text for the scanner (poppler-cpp); Word's encryption: the compound file (libgsf) and AES/SHA-512 (libcrypto)
  libpoppler-cpp-dev libgsf-1-dev libssl-dev
  # tests
  catch2
  # fonts metric-compatible with Word's Arial, Times New Roman, Calibri and Cambria
  fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea fonts-dejavu-core
  # tools the tests use to check outputs
  poppler-utils qpdf unzip libxml2-utils
  # an independent reader of Word's encryption, for the encrypted-DOCX tests
  python3-msoffcrypto-tool
  # an independent reader of the AES-256 zip that reviewkit bundle writes
  p7zip-full
  # the sample returns' and the chronology benchmark's generators read the case file with PyYAML
  python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages reviewkit needs are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "setup: these packages are missing and this user is not root and has no sudo: ${missing[*]}" >&2
    echo "setup: install them as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
echo "setup: installed ${#missing[@]} package(s)"
