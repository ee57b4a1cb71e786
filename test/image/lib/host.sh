# shellcheck shell=bash
# Host preparation: Debian packages (only the missing ones), the arm64 binfmt handler, free ports.

APT_UPDATED=false

# ensure_packages PKG...: installs the packages that are not installed yet (apt-get update once).
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "    all present: $*"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "need root to install: ${missing[*]}"
  # Other engineers (or CI steps) may hold the dpkg lock: wait for it instead of failing.
  local apt_opts=(-o DPkg::Lock::Timeout=600 -q)
  if [ "$APT_UPDATED" = false ]; then
    log "    apt-get update"
    apt-get "${apt_opts[@]}" update >/dev/null || die "apt-get update failed"
    APT_UPDATED=true
  fi
  log "    installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" \
    >"$WORK_DIR/apt-install.log" 2>&1 || { show_log_tail "$WORK_DIR/apt-install.log"; die "apt-get install failed"; }
}

# ensure_binfmt_arm64: arm64 ELF binaries run through qemu-aarch64-static. The package registers
# its handlers only when binfmt_misc is mounted at install time, which it is not on every machine;
# the F flag (binary opened at registration) makes the handler work inside containers.
ensure_binfmt_arm64() {
  local entry=/proc/sys/fs/binfmt_misc/qemu-aarch64
  if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || die "cannot mount binfmt_misc"
  fi
  if [ ! -e "$entry" ] || ! grep -q '^enabled' "$entry"; then
    update-binfmts --enable qemu-aarch64 || die "cannot register the qemu-aarch64 binfmt handler"
  fi
  grep -q '^flags: .*F' "$entry" || die "qemu-aarch64 binfmt handler lacks the F flag (needed in containers)"
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on (connection refused).
free_port() {
  local port tries
  for tries in $(seq 1 50); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found after $tries tries"
}
