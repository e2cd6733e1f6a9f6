#!/usr/bin/env bash
# Installs the packed command for the GitHub Action (action.yml) into the folder $1, runtime dependencies only. The
# action caches that folder by the key `key` prints, so this runs once per version, not on every run.
#   install.sh key           the cache key: of PACKAGE when given, else of this action's own source
#   install.sh DIR           install into DIR: PACKAGE (a tarball or a registry spec) as it is, else this action's source,
#                            packed (its development dependencies and its build are needed once, for the pack)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)

if [ "$1" = key ]; then
  if [ -n "${PACKAGE:-}" ]; then
    printf '%s' "$PACKAGE" | sha256sum | cut -c1-16
  else
    cd "$src"
    find bin harness checks fixtures scenarios tests targets/reference schemas baselines -type f -print0 | LC_ALL=C sort -z |
      xargs -0 cat package.json package-lock.json playwright.config.ts tsconfig.json tsconfig.build.json | sha256sum | cut -c1-16
  fi
  exit 0
fi

tool=$1
spec=${PACKAGE:-}
if [ -z "$spec" ]; then
  packed=$(mktemp -d)
  (cd "$src" && npm ci --no-audit --no-fund && npm pack --pack-destination "$packed")
  spec=$(echo "$packed"/*.tgz)
fi
mkdir -p "$tool"
cd "$tool"
[ -f package.json ] || echo '{ "private": true }' >package.json
npm install --omit=dev --no-audit --no-fund "$spec"
