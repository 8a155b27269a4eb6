#!/usr/bin/env bash
# Install the Debian packages this project needs, and nothing else.
#
#   bash scripts/system-deps.sh          # install what is missing (root)
#   bash scripts/system-deps.sh --check  # only report; exit 1 if anything is missing
#
# Fast path: when everything is already present this runs no apt command at
# all (one `dpkg-query` call), so it is safe to call from every `make`/CI run.
#
# Why each package is here:
#   WeasyPrint 70 (dlopen'd through cffi, see weasyprint/text/ffi.py):
#     libglib2.0-0 (gobject), libpango-1.0-0, libpangoft2-1.0-0,
#     libharfbuzz0b, libharfbuzz-subset0 (fast, deterministic font
#     subsetting; without it WeasyPrint warns and falls back to fontTools),
#     libfontconfig1 + fontconfig (fc-cache), fonts-dejavu-core (fallback
#     glyphs the shipped font lacks, e.g. arrows and check marks).
#   Verification tools: poppler-utils (pdfinfo, pdffonts, pdftoppm),
#     chromium (headless browser for tests/a11y, run by playwright-core).
#   Import tests: libreoffice-writer-nogui (a real word processor turns the
#     seeds' HTML into .docx for the round-trip tests of `safeguarding import`).
set -euo pipefail

PACKAGES=(
  libglib2.0-0
  libpango-1.0-0
  libpangoft2-1.0-0
  libharfbuzz0b
  libharfbuzz-subset0
  libfontconfig1
  fontconfig
  fonts-dejavu-core
  poppler-utils
  chromium
  libreoffice-writer-nogui
)

check_only=0
case "${1:-}" in
  --check) check_only=1 ;;
  "") ;;
  -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
  *) echo "system-deps.sh: unknown argument: $1" >&2; exit 2 ;;
esac

# One dpkg-query call for all packages; a package counts as present only when
# its status is "install ok installed" (not merely known or half-configured).
missing=()
declare -A status=()
while IFS=$'\t' read -r name st; do
  status["${name%%:*}"]="$st"
done < <(dpkg-query -W -f='${Package}\t${Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
for pkg in "${PACKAGES[@]}"; do
  if [[ "${status[$pkg]:-}" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $check_only -eq 1 ]]; then
  echo "system-deps.sh: missing Debian packages: ${missing[*]}" >&2
  exit 1
fi

if [[ $(id -u) -ne 0 ]]; then
  {
    echo "system-deps.sh: these Debian packages are missing: ${missing[*]}"
    echo "Install them as root (or ask an administrator), then run this again:"
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  } >&2
  exit 1
fi

echo "system-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
apt-get "${apt_opts[@]}" update </dev/null >/dev/null
apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" </dev/null >/dev/null

# Build the Fontconfig cache now, so the first WeasyPrint run doesn't pay for it.
if command -v fc-cache >/dev/null 2>&1; then
  fc-cache -f >/dev/null 2>&1 || true
fi

# Fail loudly if apt-get returned 0 but something is still not installed.
still=()
for pkg in "${missing[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
    still+=("$pkg")
  fi
done
if [[ ${#still[@]} -ne 0 ]]; then
  echo "system-deps.sh: apt-get finished but these are still missing: ${still[*]}" >&2
  exit 1
fi
echo "system-deps.sh: done" >&2
