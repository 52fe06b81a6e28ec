#!/usr/bin/env bash
# Regenerates imports/ from the Strimzi 1.2.0 CRDs without network access.
# cdk8s import writes one file per API group, so every kafka.strimzi.io CRD is joined into one
# multi-document file and imported in a single call (StrimziPodSet, core.strimzi.io, is the operator's own).
# --no-save keeps cdk8s.yaml unchanged: it names only the official release URL.
set -euo pipefail
cd "$(dirname "$0")/.."
crds="${STRIMZI_CRDS_DIR:-../shared/strimzi/crds}"
files=(040-Crd-kafka.yaml 041-Crd-kafkaconnect.yaml 043-Crd-kafkatopic.yaml 044-Crd-kafkauser.yaml
  045-Crd-kafkanodepool.yaml 046-Crd-kafkabridge.yaml 047-Crd-kafkaconnector.yaml 048-Crd-kafkamirrormaker2.yaml
  049-Crd-kafkarebalance.yaml)
for f in "${files[@]}"; do
  [ -f "$crds/$f" ] || { echo "import-crds: $crds/$f not found; set STRIMZI_CRDS_DIR to the folder holding the Strimzi 1.2.0 CRDs" >&2; exit 1; }
done
joined="$(mktemp --suffix=.yaml)"
trap 'rm -f "$joined"' EXIT
for f in "${files[@]}"; do
  cat "$crds/$f"; printf '\n---\n'
done > "$joined"
npx cdk8s import "$joined" --language typescript --output imports --no-save --no-check-upgrade
# json2jsii names KafkaConnect's `spec.build` `build_` (a `build` member clashes with builders in Java); jsii wants
# member names in camelCase, so it becomes `buildSpec` (the JSON field stays `build`).
sed -i 's/\bbuild_\b/buildSpec/g' imports/kafka.strimzi.io.ts
node --import tsx scripts/crd-schemas.ts "$crds" "${files[@]}"
