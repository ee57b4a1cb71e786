# shellcheck shell=bash
# Everything the test starts or creates is registered here and undone on exit, also on failure,
# in reverse order: containers before the daemon, daemons before their data.

CLEANUP_ACTIONS=()

# on_exit CMD...: runs the command (a function name and its arguments) at exit, last registered first.
on_exit() {
  local quoted
  printf -v quoted '%q ' "$@"
  CLEANUP_ACTIONS+=("$quoted")
}

run_cleanup() {
  local status=$? i
  trap - EXIT INT TERM
  set +e
  for ((i = ${#CLEANUP_ACTIONS[@]} - 1; i >= 0; i--)); do
    eval "${CLEANUP_ACTIONS[$i]}"
  done
  if [ "$status" -ne 0 ]; then
    log "image test FAILED (exit $status) after $(seconds_since "$IMAGE_TEST_T0") s"
  fi
  exit "$status"
}

# stop_pid NAME PID: stops one process this test started, TERM first, KILL after 30 s.
stop_pid() {
  local name=$1 pid=$2
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { log "    stopped $name (pid $pid)"; return 0; }
    sleep 0.5
  done
  log "    $name (pid $pid) ignored TERM for 30 s: KILL"
  kill -KILL "$pid" 2>/dev/null
}

# remove_empty_dirs DIR...: rmdir, in order, of those that are empty (others may be in use).
remove_empty_dirs() {
  rmdir "$@" 2>/dev/null || true
}

# remove_tree DIR: unmounts whatever is still mounted below DIR (overlay mounts of a killed
# daemon), then deletes it.
remove_tree() {
  local dir=$1 mnt
  [ -e "$dir" ] || return 0
  while read -r mnt; do
    umount -l "$mnt" 2>/dev/null
  done < <(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf "$dir"
}
