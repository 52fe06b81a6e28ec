# Settings shared by the image scripts (sourced, not run). Every value can be overridden from the environment.

# buildah uses its configured store (/etc/containers/storage.conf; overlay where the kernel allows it). Where
# overlay cannot work (e.g. inside a container) set STORAGE_DRIVER=vfs; a store keeps the driver it was made with.
# The scripts run "${BUILDAH[@]}": a function named buildah would hide a missing buildah from `command -v`.
BUILDAH=(buildah ${STORAGE_DRIVER:+--storage-driver "$STORAGE_DRIVER"})

# The local base image: Debian's minimal root filesystem plus the official Node.js build and its npm.
DEBIAN_SUITE="${DEBIAN_SUITE:-trixie}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_VERSION="${NODE_VERSION:-24.21.0}"  # Node.js 24 LTS ("Krypton")
NPM_VERSION="${NPM_VERSION:-11.19.0}"     # the npm that Node.js 24.21.0 bundles
BASE_IMAGE="${BASE_IMAGE:-localhost/strimzi-cdk8s/node-base:24}"

# The services' images, named as the chart's defaults (MicroservicePair.DEFAULT_*_IMAGE).
IMAGE_VERSION="${IMAGE_VERSION:-0.1.0}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="${ROOT}/.cache/images"
