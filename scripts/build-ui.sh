#!/usr/bin/env bash
# The web UI's part of the Maven build.
#   scripts/build-ui.sh build OUT   builds ui/ into OUT (Maven: target/classes/META-INF/resources, served at /)
#   scripts/build-ui.sh test [SKIP] runs the UI's unit tests (vitest); SKIP=true (Maven's -DskipUi) skips them
# npm packages come from ui/package-lock.json and are installed again only when it changes; the build is skipped
# when OUT is newer than every source file.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f ui/package.json ] || { [ "${1:-}" = test ] && [ "${2:-false}" = true ]; }; then
  echo "No ui/ to build." >&2
  exit 0
fi
. scripts/find-node.sh
cd ui
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # the lockfile's versions, without rewriting it; not `npm ci`: its strict check wants every platform's optional
  # build binaries (rollup's, esbuild's) in the lockfile, and registry mirrors that carry only some platforms
  # cannot produce such a lockfile
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
case "${1:-build}" in
  build)
    out=${2:?usage: scripts/build-ui.sh build OUT}
    if [ -f "$out/index.html" ] && [ -z "$(find . -path ./node_modules -prune -o -path ./e2e -prune -o -type f \
         -newer "$out/index.html" -print -quit)" ]; then
      exit 0 # up to date
    fi
    OMNIVOX_UI_OUT="$out" npm run --silent build -- --logLevel warn
    ;;
  test)
    npm test --silent
    ;;
  *)
    echo "usage: scripts/build-ui.sh build OUT | test" >&2
    exit 2
    ;;
esac
