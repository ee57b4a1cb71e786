# shellcheck shell=bash
# Building and publishing: the stand-in base and the app, one platform per BuildKit build (the
# dockerd 20.10 builder takes a single --platform), joined into one index with `docker manifest`.

PLATFORMS=(amd64 arm64)
BASE_REPOSITORY=archbench/node-standin
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

# publish_base_image: the stand-in as one two-platform index in the registry; sets BASE_IMAGE to
# its reference pinned by digest (as the Dockerfile pins the real one). The pushed result is cached
# as the registry's own storage (start_registry seeds from it), so warm runs neither rebuild nor
# recompress the base layers.
publish_base_image() {
  local snapshot=$STANDIN_DIR/registry-snapshot tag digest arch
  if [ -f "$snapshot/base-image.env" ]; then
    tag=$(sed -n 's/^TAG=//p' "$snapshot/base-image.env")
    digest=$(sed -n 's/^DIGEST=//p' "$snapshot/base-image.env")
    log "    cached (registry storage from $snapshot)"
  else
    tag=$(sed -n 's/^NODE_VERSION=//p' "$STANDIN_DIR/standin.env")-$STANDIN_SUITE-slim
    digest=$(build_base_image "$tag")
    save_registry_snapshot "$snapshot" "$tag" "$digest"
  fi
  BASE_IMAGE=$REGISTRY/$BASE_REPOSITORY:$tag@$digest
  read_index "$BASE_REPOSITORY" "$digest" "$WORK_DIR/base-index.out"
  log "    NODE_IMAGE=$BASE_IMAGE"
  # Pull both platforms now, so that the timed app builds below measure the app, not base pulls
  # (by each platform's manifest digest: dockerd 20.10 keeps one image per index digest).
  local manifest
  while read -r arch manifest _; do
    "$DOCKER" pull "$REGISTRY/$BASE_REPOSITORY@$manifest" >>"$WORK_DIR/pull.log" 2>&1 ||
      { show_log_tail "$WORK_DIR/pull.log"; die "cannot pull the linux/$arch stand-in base"; }
  done <"$WORK_DIR/base-index.out"
}

# build_base_image TAG: builds the stand-in for each platform (no RUN step: nothing is emulated),
# pushes them and their index; prints the index digest.
build_base_image() {
  local tag=$1 repo=$REGISTRY/$BASE_REPOSITORY arch refs=() log=$WORK_DIR/build-base.log
  for arch in "${PLATFORMS[@]}"; do
    "$DOCKER" build --progress=plain --platform "linux/$arch" \
      --build-arg "NODE_VERSION=$(sed -n 's/^NODE_VERSION=//p' "$STANDIN_DIR/standin.env")" \
      -t "$repo:$tag-$arch" -f "$IMAGE_TEST_DIR/standin/Dockerfile" "$STANDIN_DIR/$arch" >>"$log" 2>&1 ||
      { show_log_tail "$log"; die "building the $arch stand-in base failed"; }
    push_image "$repo:$tag-$arch" "$log"
    refs+=("$repo:$tag-$arch")
  done
  push_index "$repo:$tag" "${refs[@]}"
}

# save_registry_snapshot DIR TAG DIGEST: copies the registry storage (only the base is in it yet).
save_registry_snapshot() {
  local dest=$1 tmp
  tmp=$(mktemp -d "$STANDIN_DIR/.snapshot.XXXXXX")
  on_exit remove_tree "$tmp"
  cp -a "$WORK_DIR/registry/data" "$tmp/data"
  printf 'TAG=%s\nDIGEST=%s\n' "$2" "$3" >"$tmp/base-image.env"
  mv -T "$tmp" "$dest" 2>/dev/null || true # a concurrent run may have saved it first
}

# read_index REPOSITORY REFERENCE OUT: index → manifests → config blobs through the registry's
# HTTP API (test/image/registry-index.ts); OUT gets "arch digest compressed-bytes" per platform.
read_index() {
  (cd "$REPO_DIR" && node_modules/.bin/tsx test/image/registry-index.ts "http://$REGISTRY" "$1" "$2" \
    "${PLATFORMS[@]/#/linux/}") >"$3" || die "the index $1@$2 does not hold the expected platforms"
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
    { show_log_tail "$log" 60; die "docker build of $APP_DIR/Dockerfile for linux/$arch failed"; }
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

# check_registry_index: reads the app index back; fills COMPRESSED_BYTES[ARCH] and MANIFEST_DIGEST[ARCH].
check_registry_index() {
  local out=$WORK_DIR/app-index.out arch digest bytes
  read_index "${APP_REPO#"$REGISTRY/"}" "$APP_INDEX_DIGEST" "$out"
  while read -r arch digest bytes; do
    # shellcheck disable=SC2034 # read by the report
    MANIFEST_DIGEST[$arch]=$digest COMPRESSED_BYTES[$arch]=$bytes
  done <"$out"
}
