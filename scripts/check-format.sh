#!/usr/bin/env bash
# The house style (.clang-format) on every C++ file of the tree.
#   scripts/check-format.sh         lists the files that differ from it and exits 1 (the `format` test)
#   scripts/check-format.sh --fix   rewrites them in place
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src tests bench fuzz tools -name '*.cpp' -o -name '*.h' | sort)
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/dev/null; then
  echo "check-format.sh: these files differ from .clang-format (fix: scripts/check-format.sh --fix):" >&2
  for f in "${files[@]}"; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "  $f" >&2
  done
  exit 1
fi
echo "check-format.sh: ${#files[@]} files follow .clang-format"
