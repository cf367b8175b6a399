#!/bin/sh
# Runs `audit` for the pre-commit hooks: $AUDIT when set, else the `audit` on PATH, else one
# built (release) from the repository this script is in.
set -eu
if [ -n "${AUDIT:-}" ]; then exec "$AUDIT" "$@"; fi
if command -v audit >/dev/null 2>&1; then exec audit "$@"; fi
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x "$root/.build/release/audit" ]; then
  echo "pre-commit-audit: building audit in $root (once)" >&2
  swift build --package-path "$root" -c release --product audit >&2
fi
exec "$root/.build/release/audit" "$@"
