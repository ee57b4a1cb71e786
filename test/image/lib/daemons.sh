# shellcheck shell=bash
# The two daemons the test needs, each started on 127.0.0.1 / a private socket under $WORK_DIR and
# stopped by PID on exit: Debian's docker-registry and Debian's dockerd (BuildKit inside).

DOCKER=/usr/bin/docker # the 20.10 client from docker.io: it drives BuildKit (a newer client may lack buildx)

# wait_for SECONDS CMD...: retries CMD every half second until it succeeds.
wait_for() {
  local seconds=$1
  shift
  for _ in $(seq 1 $((seconds * 2))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# start_registry: sets REGISTRY (host:port) for a registry with its storage under $WORK_DIR.
start_registry() {
  local dir=$WORK_DIR/registry port pid
  port=$(free_port)
  mkdir -p "$dir"
  if [ -d "$STANDIN_DIR/registry-snapshot/data" ]; then
    cp -a "$STANDIN_DIR/registry-snapshot/data" "$dir/data" # the stand-in base, pushed by an earlier run
  else
    mkdir "$dir/data"
  fi
  cat >"$dir/config.yml" <<YAML
version: 0.1
log: { level: warn, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $dir/data } }
http: { addr: 127.0.0.1:$port }
YAML
  docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  pid=$!
  on_exit stop_pid docker-registry "$pid"
  REGISTRY=127.0.0.1:$port
  wait_for 30 curl -fsS "http://$REGISTRY/v2/" ||
    { show_log_tail "$dir/registry.log"; die "the registry did not answer on $REGISTRY"; }
  log "    docker-registry pid $pid on $REGISTRY"
}

# start_dockerd: a private dockerd (own data root, exec root, socket; no iptables, no bridge);
# exports DOCKER_HOST and DOCKER_CONFIG for the client.
start_dockerd() {
  local dir=$WORK_DIR/docker pid
  mkdir -p "$dir/root" "$dir/exec" "$dir/config"
  # Its own config file (any /etc/docker/daemon.json is ignored) also moves the trust key out of /etc/docker.
  printf '{ "deprecated-key-path": "%s" }\n' "$dir/key.json" >"$dir/daemon.json"
  # dockerd always creates /run/docker/plugins: remove it again (when empty) unless it was there.
  [ -e /run/docker ] || on_exit remove_empty_dirs /run/docker/plugins /run/docker
  dockerd --config-file "$dir/daemon.json" --data-root "$dir/root" --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" --host "unix://$dir/docker.sock" \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=overlay2 \
    --insecure-registry "$REGISTRY" >"$dir/dockerd.log" 2>&1 &
  pid=$!
  on_exit stop_pid dockerd "$pid" # its containerd child exits with it
  export DOCKER_HOST="unix://$dir/docker.sock" DOCKER_CONFIG="$dir/config" DOCKER_BUILDKIT=1
  wait_for 60 "$DOCKER" version ||
    { show_log_tail "$dir/dockerd.log"; die "dockerd did not come up"; }
  log "    dockerd pid $pid ($("$DOCKER" version -f '{{.Server.Version}}'), storage $("$DOCKER" info -f '{{.Driver}}'))"
}

# remove_container NAME: stops a container this test started (registered before the daemon stops).
remove_container() {
  "$DOCKER" rm -f "$1" >/dev/null 2>&1 || true
}
