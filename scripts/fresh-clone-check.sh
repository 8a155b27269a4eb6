#!/usr/bin/env bash
# Run the README's two commands in a fresh clone, as a newcomer (and CI) would.
#
#   bash scripts/fresh-clone-check.sh          # clone HEAD of this repository
#   bash scripts/fresh-clone-check.sh REV      # or another commit or branch
#
# Only committed work is cloned: an install step that works here because of something
# left in this working tree (a venv, node_modules, an uncommitted file) fails there.
# The clone is removed afterwards unless KEEP=1.
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
rev=${1:-HEAD}
dir=$(mktemp -d -t safeguarding-fresh-XXXXXX)
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$dir"' EXIT
git clone --quiet --no-local "$repo" "$dir/clone"
git -C "$dir/clone" checkout --quiet "$(git -C "$repo" rev-parse "$rev")"
cd "$dir/clone"
echo "fresh-clone-check: make report in $dir/clone" >&2
make report
test -s output/worcestershire/yearly-report-2023-24.pdf
echo "fresh-clone-check: make test" >&2
make test
echo "fresh-clone-check: both commands passed on a fresh clone of $rev" >&2
