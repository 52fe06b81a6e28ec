#!/usr/bin/env bash
# `npm run images`: builds the images of both services from apps/Dockerfile with buildah, tagged as the
# chart's defaults, on a base image made here (base-image.sh). On a fresh machine it installs buildah and
# mmdebstrap with apt-get first (as root). Prints how long each step took and the images' sizes.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

bash scripts/ci/tools.sh install buildah mmdebstrap

# npm inside the build must reach the registry as this machine's npm does: same registry, and the same
# trusted CAs when npm has a `cafile` (e.g. a TLS-inspecting proxy's). Passed as a build secret, so it
# stays out of the image.
npmrc="$(mktemp)"
trap 'rm -f "$npmrc"' EXIT
echo "registry=$(npm config get registry)" > "$npmrc"
cafile="$(npm config get cafile)"
if [ -f "$cafile" ]; then
  awk '/BEGIN CERTIFICATE/ { pem = "" } { pem = pem $0 "\\n" } /END CERTIFICATE/ { print "ca[]=\"" pem "\"" }' "$cafile" >> "$npmrc"
fi

elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

start=$(date +%s)
bash scripts/images/base-image.sh
echo "images: base image ready in $(elapsed "$start")"

for service in producer consumer; do
  image="strimzi-cdk8s/data-${service}:${IMAGE_VERSION}"
  start=$(date +%s)
  # --layers reuses unchanged steps; the build and dependency stages are shared by both services.
  "${BUILDAH[@]}" build --quiet --layers --isolation chroot \
    --ignorefile apps/Dockerfile.dockerignore -f apps/Dockerfile \
    --build-arg "BASE_IMAGE=${BASE_IMAGE}" --build-arg "SERVICE=${service}" --secret "id=npmrc,src=${npmrc}" \
    -t "$image" . >/dev/null
  echo "images: ${image} built in $(elapsed "$start")"
done
"${BUILDAH[@]}" images --filter reference='strimzi-cdk8s/*'
