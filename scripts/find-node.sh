# Sourced by ./omnivox and the Maven build of the web UI: puts a Node.js >= 20 with npm first on PATH.
# Uses the machine's node when it is new enough; otherwise installs a pinned Node.js and npm from the npm registry
# (the packages node-<os>-<arch> and npm, checked against their published sha512) under .omnivox/node/.

OMNIVOX_NODE_VERSION=22.23.3
OMNIVOX_NPM_VERSION=11.21.2
OMNIVOX_NPM_INTEGRITY=7HPApk+AflMUavSseL1Pm6CnYqMIHk53x+KmuhqmTDqPkjPMgxIpTPcTqsE91EKNw4gFBJV9fnXiSdGm1DXq9A==

omnivox_node_ok() { # is `node` on PATH >= 20, with npm beside it?
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 1
  [ -n "$major" ] && [ "$major" -ge 20 ]
}

omnivox_node_integrity() { # the published sha512 of node-$1@$OMNIVOX_NODE_VERSION
  case "$1" in
    linux-x64) echo qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng== ;;
    linux-arm64) echo l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA== ;;
    darwin-x64) echo V6W/fNXsKFF0DMrBrpLNp9meU45Qbe6tQ3HlzrpdiPWW+zlbmTGou1LE8aGHOghVWXJFexvi7RDCQVQi1I1t8w== ;;
    *) return 1 ;;
  esac
}

omnivox_fetch_checked() { # url, expected base64 sha512, destination
  curl -fsSL --retry 3 -o "$3.part" "$1" || return 1
  local actual expected
  actual=$( (sha512sum "$3.part" 2>/dev/null || shasum -a 512 "$3.part") | cut -d' ' -f1)
  expected=$( (printf %s "$2" | base64 -d 2>/dev/null || printf %s "$2" | base64 -D) | od -An -v -tx1 | tr -d ' \n')
  if [ -z "$expected" ] || [ "$actual" != "$expected" ]; then
    echo "Checksum mismatch for $1" >&2
    rm -f "$3.part"
    return 1
  fi
  mv "$3.part" "$3"
}

omnivox_install_node() {
  local os arch platform integrity dir
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  platform="$os-$arch"
  dir="$(pwd)/.omnivox/node/$OMNIVOX_NODE_VERSION-$platform"
  if [ ! -x "$dir/bin/node" ]; then
    integrity=$(omnivox_node_integrity "$platform") || {
      echo "Building the web UI needs Node.js 20 or newer; install it for $platform (https://nodejs.org)." >&2
      return 1
    }
    echo "Installing Node.js $OMNIVOX_NODE_VERSION and npm $OMNIVOX_NPM_VERSION from the npm registry…" >&2
    mkdir -p "$dir/lib/node_modules/npm" "$dir/bin"
    omnivox_fetch_checked "https://registry.npmjs.org/node-$platform/-/node-$platform-$OMNIVOX_NODE_VERSION.tgz" \
      "$integrity" "$dir/node.tgz" || return 1
    omnivox_fetch_checked "https://registry.npmjs.org/npm/-/npm-$OMNIVOX_NPM_VERSION.tgz" \
      "$OMNIVOX_NPM_INTEGRITY" "$dir/npm.tgz" || return 1
    tar -xzf "$dir/node.tgz" -C "$dir" --strip-components=1 package/bin/node
    tar -xzf "$dir/npm.tgz" -C "$dir/lib/node_modules/npm" --strip-components=1
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
    rm -f "$dir/node.tgz" "$dir/npm.tgz"
  fi
  export PATH="$dir/bin:$PATH"
}

if ! omnivox_node_ok; then
  omnivox_install_node || return 1 2>/dev/null || exit 1
fi
