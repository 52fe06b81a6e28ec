#!/usr/bin/env bash
# Fails when git tracks a file that .gitignore excludes, e.g. a debug script or a temporary or backup file
# (dbg*, *.tmp.*, *.orig, *~) added before the pattern existed or with `git add -f`.
set -euo pipefail
cd "$(dirname "$0")/.."
tracked=$(git ls-files --cached --ignored --exclude-standard)
if [ -n "$tracked" ]; then
  echo "git tracks files that .gitignore excludes (debug or temporary leftovers?); remove them with 'git rm':" >&2
  echo "$tracked" >&2
  exit 1
fi
