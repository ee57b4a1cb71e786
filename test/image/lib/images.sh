# shellcheck shell=bash
# Building and publishing: the stand-in base and the app, one platform per BuildKit build (the
# dockerd 20.10 builder takes a single --platform), joined into one index with `docker manifest`.

PLATFORMS=(amd64 arm64)
# Filled per platform below and read by the report in multiarch-image.sh.
# shellcheck disable=SC2034
declare -gA BUILD_SECONDS=() COMPRESSED_BYTES=() MANIFEST_DIGEST=()

# push_index TARGET SOURCE...: pushes an index of the (already pushed) single-platform images;
# prints its digest.
push_index() {
  local target=$1 digest
  shift
  "$DOCKER" manifest create --insecure "$target" "$@" >/dev/null || die "docker manifest create $target failed"
  digest=$("$DOCKER" manifest push --insecure --purge "$target" | tail -n 1) || die "docker manifest push $target failed"
  [[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || die "docker manifest push $target printed '$digest', not a digest"
  echo "$digest"
}

# push_image REF LOG: docker push, quietly.
push_image() {
  "$DOCKER" push "$1" >>"$2" 2>&1 || { show_log_tail "$2"; die "docker push $1 failed"; }
}

# build_base_image: the stand-in rootfs of each platform as an image, pushed as one index; sets
# BASE_IMAGE to its reference pinned by digest (as the Dockerfile pins the real one).
build_base_image() {
  local node_version repo tag arch refs=() log=$WORK_DIR/build-base.log digest
  node_version=$(sed -n 's/^NODE_VERSION=//p' "$STANDIN_DIR/standin.env")
  repo=$REGISTRY/archbench/node-standin
  tag=$node_version-$STANDIN_SUITE-slim
  for arch in "${PLATFORMS[@]}"; do
    "$DOCKER" build --progress=plain --platform "linux/$arch" --build-arg "NODE_VERSION=$node_version" \
      -t "$repo:$tag-$arch" -f "$IMAGE_TEST_DIR/standin/Dockerfile" "$STANDIN_DIR/$arch" >>"$log" 2>&1 ||
      { show_log_tail "$log"; die "building the $arch stand-in base failed"; }
    push_image "$repo:$tag-$arch" "$log"
    refs+=("$repo:$tag-$arch")
  done
  digest=$(push_index "$repo:$tag" "${refs[@]}")
  BASE_IMAGE=$repo:$tag@$digest
  log "    NODE_IMAGE=$BASE_IMAGE"
}

# oci_label_args: SOURCE, REVISION and VERSION for the Dockerfile's OCI labels.
oci_label_args() {
  local source revision version
  source=${ARCHBENCH_IMAGE_SOURCE:-$(git -C "$REPO_DIR" config --get remote.origin.url 2>/dev/null | sed -E 's#//[^/@]*@#//#')}
  source=${source:-file://$REPO_DIR}
  revision=$(git -C "$REPO_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
  version=$(node -p "require('$REPO_DIR/package.json').version")-image-test
  printf '%s\n' --build-arg "SOURCE=$source" --build-arg "REVISION=$revision" --build-arg "VERSION=$version"
}

# build_app ARCH: builds app/Dockerfile, unchanged, for one platform and pushes it; sets
# BUILD_SECONDS[ARCH].
build_app() {
  local arch=$1
  local log=$WORK_DIR/build-app-$arch.log t0 secret_args=() label_args=()
  # npm ci inside the build reaches the npm registry through this machine's TLS-intercepting
  # proxy: hand its CA bundle over as a build secret, never as a layer.
  if [ -f "$BUILD_CA_BUNDLE" ]; then
    secret_args=(--secret "id=ca,src=$BUILD_CA_BUNDLE")
  fi
  mapfile -t label_args < <(oci_label_args)
  t0=$(date +%s.%N)
  "$DOCKER" build --progress=plain --platform "linux/$arch" --network=host "${secret_args[@]}" \
    --build-arg "NODE_IMAGE=$BASE_IMAGE" "${label_args[@]}" \
    -t "$APP_REPO:$APP_TAG-$arch" -f "$APP_DIR/Dockerfile" "$APP_DIR" >"$log" 2>&1 ||
    { show_log_tail "$log" 60; die "docker build of $APP_DIR/Dockerfile for linux/$arch failed (log: $log)"; }
  BUILD_SECONDS[$arch]=$(seconds_since "$t0")
  log "    linux/$arch built in ${BUILD_SECONDS[$arch]} s ($(grep -c ' CACHED$' "$log") steps cached)"
  push_image "$APP_REPO:$APP_TAG-$arch" "$WORK_DIR/push-app.log"
}

# publish_app_index: joins the per-platform app images into APP_REPO:APP_TAG, then drops the
# local per-platform tags so the runs below pull through the index as a node would.
publish_app_index() {
  local arch refs=()
  for arch in "${PLATFORMS[@]}"; do refs+=("$APP_REPO:$APP_TAG-$arch"); done
  APP_INDEX_DIGEST=$(push_index "$APP_REPO:$APP_TAG" "${refs[@]}")
  "$DOCKER" image rm "${refs[@]}" >/dev/null || die "cannot remove the local per-platform tags"
  log "    $APP_REPO:$APP_TAG@$APP_INDEX_DIGEST"
}

# check_registry_index: index → manifests → config blobs through the registry's HTTP API; fills
# COMPRESSED_BYTES[ARCH] and MANIFEST_DIGEST[ARCH].
check_registry_index() {
  local out=$WORK_DIR/registry-index.out arch digest bytes
  (cd "$REPO_DIR" && node_modules/.bin/tsx test/image/registry-index.ts "http://$REGISTRY" \
    "${APP_REPO#"$REGISTRY/"}" "$APP_INDEX_DIGEST" "${PLATFORMS[@]/#/linux/}") >"$out" ||
    die "the index in the registry does not hold the expected platforms"
  while read -r arch digest bytes; do
    # shellcheck disable=SC2034 # read by the report
    MANIFEST_DIGEST[$arch]=$digest COMPRESSED_BYTES[$arch]=$bytes
  done <"$out"
}
