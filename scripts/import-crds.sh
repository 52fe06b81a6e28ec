#!/usr/bin/env bash
# Regenerates imports/ from the Strimzi 1.2.0 CRDs without network access.
# cdk8s import writes one file per API group, so the CRDs of kafka.strimzi.io are joined
# into one multi-document file and imported in a single call.
set -euo pipefail
cd "$(dirname "$0")/.."
crds="${STRIMZI_CRDS_DIR:-../shared/strimzi/crds}"
for f in 040-Crd-kafka.yaml 043-Crd-kafkatopic.yaml 044-Crd-kafkauser.yaml 045-Crd-kafkanodepool.yaml; do
  [ -f "$crds/$f" ] || { echo "import-crds: $crds/$f not found; set STRIMZI_CRDS_DIR to the folder holding the Strimzi 1.2.0 CRDs" >&2; exit 1; }
done
joined="$(mktemp --suffix=.yaml)"
trap 'rm -f "$joined"' EXIT
for f in 040-Crd-kafka.yaml 043-Crd-kafkatopic.yaml 044-Crd-kafkauser.yaml 045-Crd-kafkanodepool.yaml; do
  cat "$crds/$f"; printf '\n---\n'
done > "$joined"
npx cdk8s import "$joined" --language typescript --output imports
