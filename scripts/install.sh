#!/usr/bin/env bash
# Installs what Tisserand needs on a fresh Debian machine with Node 20: pnpm (the pinned version),
# the workspace's packages (better-sqlite3 compiles here), and with --with-browser what the tests
# need as well: Debian's Chromium for the browser tests, xmllint for schema and HTML checks,
# pdftotext (poppler-utils) for reading exported PDFs, and the French word list the search
# benchmark draws its vocabulary from.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "Installing pnpm $pnpm_version"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
fi

# jemalloc: the server gives freed memory back to the system with it (scripts/allocator.mjs).
# Installed when this machine can (Debian, root or sudo); without it the server still runs.
# The launcher's own lookup (scripts/allocator.mjs), so both agree on where the library is.
jemalloc_present() {
  node --input-type=module -e "import { jemallocLibrary } from './scripts/allocator.mjs'; process.exit(jemallocLibrary() ? 0 : 1)"
}
if ! jemalloc_present && command -v apt-get >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then sudo=; elif sudo -n true 2>/dev/null; then sudo=sudo; else sudo=no; fi
  if [ "$sudo" != no ]; then
    echo "Installing libjemalloc2 from Debian's packages"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libjemalloc2 >/dev/null ||
      echo "Could not install libjemalloc2: the server will run on the system allocator"
  fi
fi
jemalloc_present || echo "jemalloc is not installed: the server runs on the system allocator, which keeps more memory after busy periods (Debian: apt install libjemalloc2)"

if [ "${1:-}" = "--with-browser" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v xmllint >/dev/null || missing+=(libxml2-utils)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  # The search benchmark's vocabulary (tests/bench/search/corpus.ts).
  [ -f /usr/share/dict/french ] || missing+=(wfrench)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages"
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# node-gyp would otherwise try to download Node's headers, which this network does not allow.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
