# shellcheck shell=bash
# Running each platform's image as a node would: pulled through the index by platform, then
# identity (uname -m, uid/gid), the service's /healthz, and a short benchmark whose results
# document must pass the results contract. arm64 runs under qemu-user (binfmt).

BENCH_WORKLOADS=${ARCHBENCH_IMAGE_TEST_WORKLOADS:-json,sha256,gzip,brotli,regex,sort,http}
# Short: 7 workloads x (1 thread, all CPUs) x (0.25 s warm-up + 2 x 0.5 s) is about 20 s per platform.
BENCH_ARGS=(--duration 0.5 --repetitions 2 --warmup 0.25)
# Two CPUs (a CFS quota) so the multi-threaded path runs too; the document must report the quota.
BENCH_CPUS=$(($(nproc) < 2 ? $(nproc) : 2))
# Filled per platform below and read by the report in multiarch-image.sh.
# shellcheck disable=SC2034
declare -gA UNCOMPRESSED_BYTES=()

expected_machine() {
  case $1 in
  amd64) echo x86_64 ;;
  arm64) echo aarch64 ;;
  esac
}

# pull_platform ARCH: pulls APP_REPO:APP_TAG for linux/ARCH; sets IMAGE_ID and UNCOMPRESSED_BYTES[ARCH].
pull_platform() {
  local arch=$1 got
  "$DOCKER" pull --platform "linux/$arch" "$APP_REPO:$APP_TAG" >>"$WORK_DIR/pull.log" 2>&1 ||
    { show_log_tail "$WORK_DIR/pull.log"; die "docker pull --platform linux/$arch failed"; }
  IMAGE_ID=$("$DOCKER" image inspect -f '{{.Id}}' "$APP_REPO:$APP_TAG")
  got=$("$DOCKER" image inspect -f '{{.Os}}/{{.Architecture}}' "$IMAGE_ID")
  [ "$got" = "linux/$arch" ] || die "pulled linux/$arch but got a $got image"
  # shellcheck disable=SC2034 # read by the report
  UNCOMPRESSED_BYTES[$arch]=$("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE_ID")
}

# check_identity ARCH: the kernel as the image's own userland sees it, and the user it runs as.
check_identity() {
  local arch=$1 out machine uid gid
  out=$("$DOCKER" run --rm --platform "linux/$arch" --network none --entrypoint sh "$IMAGE_ID" \
    -c 'uname -m; id -u; id -g; node -p process.arch') || die "cannot run a shell in the linux/$arch image"
  { read -r machine; read -r uid; read -r gid; } <<<"$out"
  log "    uname -m: $machine, uid:gid $uid:$gid, node process.arch: $(tail -n 1 <<<"$out")"
  [ "$machine" = "$(expected_machine "$arch")" ] || die "linux/$arch image: uname -m is '$machine'"
  [ "$uid:$gid" = "1000:1000" ] || die "linux/$arch image runs as $uid:$gid, not 1000:1000"
}

# check_healthz ARCH: the default command serves GET /healthz on PORT.
check_healthz() {
  local arch=$1 port name body
  port=$(free_port)
  name=archbench-image-test-$arch-$$
  on_exit remove_container "$name"
  "$DOCKER" run -d --name "$name" --platform "linux/$arch" --network host -e "PORT=$port" "$IMAGE_ID" >/dev/null ||
    die "cannot start the linux/$arch service container"
  if ! wait_for 120 curl -fsS "http://127.0.0.1:$port/healthz"; then
    "$DOCKER" logs --tail 40 "$name" >&2 || true
    die "linux/$arch service: no answer on http://127.0.0.1:$port/healthz within 120 s"
  fi
  body=$(curl -fsS "http://127.0.0.1:$port/healthz")
  log "    GET /healthz on :$port -> ${body:0:200}"
  "$DOCKER" rm -f "$name" >/dev/null
}

# run_benchmark ARCH: a short run of every workload; validates the last stdout line.
run_benchmark() {
  local arch=$1
  local out=$WORK_DIR/bench-$arch.out err=$WORK_DIR/bench-$arch.err name t0
  local pool=image-test-$arch run_id=image-test-$APP_TAG
  name=archbench-image-bench-$arch-$$
  on_exit remove_container "$name"
  t0=$(date +%s.%N)
  if ! timeout 600 "$DOCKER" run --rm --name "$name" --platform "linux/$arch" --network none --cpus "$BENCH_CPUS" "$IMAGE_ID" \
    node dist/bench/cli.js "${BENCH_ARGS[@]}" --workloads "$BENCH_WORKLOADS" --pool "$pool" --run-id "$run_id" \
    >"$out" 2>"$err"; then
    show_log_tail "$err"
    show_log_tail "$out" 5
    die "the benchmark in the linux/$arch image failed"
  fi
  log "    benchmark finished in $(seconds_since "$t0") s"
  (cd "$REPO_DIR" && node_modules/.bin/tsx test/image/validate-results.ts --arch "$arch" --run-id "$run_id" \
    --pool "$pool" --workloads "$BENCH_WORKLOADS" --cpus "$BENCH_CPUS" <"$out") >&2 ||
    { show_log_tail "$out" 3; die "the linux/$arch benchmark output is not a valid results document"; }
}
