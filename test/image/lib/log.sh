# shellcheck shell=bash
# Progress output for the image test: one line per step with its duration, and a loud failure
# that names the step. Source it; it defines functions only.

IMAGE_TEST_T0=${IMAGE_TEST_T0:-$(date +%s.%N)}
CURRENT_STEP="(setup)"
STEP_T0=$IMAGE_TEST_T0

# Seconds since $1 (a `date +%s.%N` stamp), with one decimal.
seconds_since() {
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

log() {
  printf '[image-test %6ss] %s\n' "$(seconds_since "$IMAGE_TEST_T0")" "$*" >&2
}

# step NAME: announces a step; the previous one is reported done with its duration.
step() {
  step_done
  CURRENT_STEP=$1
  STEP_T0=$(date +%s.%N)
  log "==> $CURRENT_STEP"
}

step_done() {
  if [ "$CURRENT_STEP" != "(setup)" ]; then
    log "    done: $CURRENT_STEP ($(seconds_since "$STEP_T0") s)"
  fi
  CURRENT_STEP="(setup)"
}

die() {
  log "FAILED in step '$CURRENT_STEP': $*"
  exit 1
}

# show_log_tail FILE [LINES]: prints the end of a log file to stderr (used before die).
show_log_tail() {
  local file=$1 lines=${2:-40}
  if [ -s "$file" ]; then
    log "---- last $lines lines of $file ----"
    tail -n "$lines" "$file" >&2
    log "---- end of $file ----"
  fi
}
