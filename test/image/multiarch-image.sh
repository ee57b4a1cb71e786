#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# npm run test:image — builds app/Dockerfile, unchanged, for linux/amd64 and linux/arm64 on this x86
# machine, pushes one multi-arch index to a registry on 127.0.0.1, reads it back through the
# registry's HTTP API (index → manifests → config `architecture`), then runs each platform's image
# (arm64 under qemu-user): uname -m, /healthz, and a short benchmark whose results document must
# pass the results contract. Prints build times and image sizes at the end.
#
# Needs root on Debian 12; installs the missing Debian packages; reaches only the npm registry and
# Debian's mirror (through the machine's own npm and apt configuration) and 127.0.0.1. Everything it
# starts is stopped by PID and its temporary data removed on exit; only the stand-in base image
# (~/.cache/archbench/image-test) is kept between runs.
#
# Environment (all optional): ARCHBENCH_APP_DIR (default app/), ARCHBENCH_BUILD_CA (CA bundle for
# the build secret, default /etc/ssl/certs/ca-certificates.crt), ARCHBENCH_IMAGE_TEST_CACHE,
# ARCHBENCH_STANDIN_NODE_VERSION, ARCHBENCH_DEBIAN_SOURCES, ARCHBENCH_IMAGE_TEST_WORKLOADS.
set -euo pipefail

IMAGE_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$IMAGE_TEST_DIR/../.." && pwd)
APP_DIR=${ARCHBENCH_APP_DIR:-$REPO_DIR/app}
BUILD_CA_BUNDLE=${ARCHBENCH_BUILD_CA:-/etc/ssl/certs/ca-certificates.crt}

# shellcheck source=lib/log.sh
source "$IMAGE_TEST_DIR/lib/log.sh"
# shellcheck source=lib/cleanup.sh
source "$IMAGE_TEST_DIR/lib/cleanup.sh"
# shellcheck source=lib/host.sh
source "$IMAGE_TEST_DIR/lib/host.sh"
# shellcheck source=lib/daemons.sh
source "$IMAGE_TEST_DIR/lib/daemons.sh"
# shellcheck source=standin-base.sh
source "$IMAGE_TEST_DIR/standin-base.sh"
# shellcheck source=lib/images.sh
source "$IMAGE_TEST_DIR/lib/images.sh"
# shellcheck source=lib/checks.sh
source "$IMAGE_TEST_DIR/lib/checks.sh"

# mb BYTES: decimal megabytes (kilobytes below 1 MB)
mb() { awk -v b="$1" 'BEGIN { if (b < 1e6) printf "%.1f kB", b / 1e3; else printf "%.1f MB", b / 1e6 }'; }

print_report() {
  local arch amd=${BUILD_SECONDS[amd64]} arm=${BUILD_SECONDS[arm64]} both ratio
  both=$(awk -v a="$amd" -v b="$arm" 'BEGIN { printf "%.1f", a + b }')
  ratio=$(awk -v a="$amd" -v b="$both" 'BEGIN { printf "%.2f", b / a }')
  cat <<REPORT

==== image test report ====
image:   $APP_REPO:$APP_TAG@$APP_INDEX_DIGEST (index: linux/amd64, linux/arm64)
base:    NODE_IMAGE=$BASE_IMAGE
         (local stand-in for node:24-bookworm-slim: $(tr '\n' ' ' <"$STANDIN_DIR/standin.env"))
build time (BuildKit in dockerd $("$DOCKER" version -f '{{.Server.Version}}'), one platform per build, fresh daemon so app layers start cold):
  linux/amd64 alone, cold:                       $amd s
  linux/arm64 next (build stage reused, native): $arm s
  both platforms:                                $both s = ${ratio}x amd64 alone
image size per platform (compressed = config + layers in the registry manifest; uncompressed = docker image inspect):
REPORT
  local base_bytes
  for arch in "${PLATFORMS[@]}"; do
    base_bytes=$(awk -v a="$arch" '$1 == a { print $3 }' "$WORK_DIR/base-index.out")
    printf '  linux/%-6s %s compressed (base %s + app %s), %s uncompressed\n' "$arch" \
      "$(mb "${COMPRESSED_BYTES[$arch]}")" "$(mb "$base_bytes")" "$(mb $((COMPRESSED_BYTES[$arch] - base_bytes)))" \
      "$(mb "${UNCOMPRESSED_BYTES[$arch]}")"
    printf '           manifest %s\n' "${MANIFEST_DIGEST[$arch]}"
  done
  echo "total: $(seconds_since "$IMAGE_TEST_T0") s"
  if awk -v r="$ratio" 'BEGIN { exit !(r > 1.5) }'; then
    log "WARNING: building both platforms took ${ratio}x amd64 alone: did the build stage run under emulation?"
  fi
}

main() {
  trap run_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  step "prerequisites"
  [ "$(id -u)" -eq 0 ] || die "run as root (it installs Debian packages and starts dockerd)"
  [ -f "$APP_DIR/Dockerfile" ] || die "no Dockerfile in $APP_DIR"
  WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/archbench-image-test.XXXXXX")
  on_exit remove_tree "$WORK_DIR"
  # shellcheck source=.ci/use-node24.sh
  source "$REPO_DIR/.ci/use-node24.sh"
  [ -x "$REPO_DIR/node_modules/.bin/tsx" ] || die "run npm ci first (tsx is needed to check results)"
  ensure_packages docker.io docker-registry qemu-user-static binfmt-support mmdebstrap curl ca-certificates
  ensure_binfmt_arm64

  step "stand-in base rootfs (Debian $STANDIN_SUITE + Node $STANDIN_NODE_MAJOR; cached between runs)"
  ensure_standin

  step "start docker-registry and dockerd on 127.0.0.1"
  start_registry
  start_dockerd

  step "stand-in base image -> registry (one index, both platforms)"
  publish_base_image

  APP_REPO=$REGISTRY/archbench/app
  APP_TAG=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo dev)-$(date +%s)
  step "build app/Dockerfile for linux/amd64 alone (cold app layers)"
  build_app amd64
  step "build app/Dockerfile for linux/arm64 (cross: build stage on the build platform)"
  build_app arm64

  step "push the multi-arch index"
  publish_app_index
  step "read the index back via the registry HTTP API"
  check_registry_index

  local arch
  for arch in "${PLATFORMS[@]}"; do
    step "linux/$arch: pull by platform, uname -m, uid, /healthz"
    pull_platform "$arch"
    check_identity "$arch"
    check_healthz "$arch"
    step "linux/$arch: short benchmark -> results contract"
    run_benchmark "$arch"
  done
  step_done
  print_report
  log "image test passed"
}

main "$@"
