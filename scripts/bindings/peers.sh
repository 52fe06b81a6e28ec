# The peers' Java packages and Go modules, built by jsii-pacmak from the .jsii assemblies npm installed (sourced by
# build.sh). The Maven registry lacks cdk8s-plus-27 and this cdk8s; the Go proxy serves no cdk8s module
# (github.com/cdk8s-team/cdk8s-core-go, cdk8s-plus-go). constructs and the jsii runtimes come from the registries.

# Copies of the peers' npm packages: pacmak packs each, and must not touch the project's node_modules.
stage_peers() {
  mkdir -p "$1/node_modules"
  local peer
  for peer in "${PEERS[@]}"; do cp -r "$ROOT/node_modules/$peer" "$1/node_modules/$peer"; done
}

peers_key() {
  local peer files=()
  for peer in "${PEERS[@]}"; do files+=("$ROOT/node_modules/$peer/.jsii" "$peer@$(peer_version "$peer")"); done
  inputs_hash "$ROOT/scripts/bindings/tools/package-lock.json" "${files[@]}"
}

# Java: cdk8s and cdk8s-plus-27 deployed to $OUT/repo (a Maven repository); constructs is on Maven Central.
build_java_peers() {
  stage_peers "$OUT/src"
  pacmak --target java --outdir "$OUT/pacmak" --no-npmignore --maven-local-repository="$CACHE/m2" \
    "$OUT/src/node_modules/cdk8s" "$OUT/src/node_modules/cdk8s-plus-27"
  mv "$OUT/pacmak/java" "$OUT/repo"
  rm -rf "$OUT/src" "$OUT/pacmak"
}

# Go: the modules' sources only ($OUT/go/cdk8s, $OUT/go/cdk8splus27); the program that uses them compiles them.
build_go_peers() {
  stage_peers "$OUT/src"
  pacmak --target go --code-only --outdir "$OUT/pacmak" --no-npmignore \
    "$OUT/src/node_modules/cdk8s" "$OUT/src/node_modules/cdk8s-plus-27"
  mv "$OUT/pacmak/go" "$OUT/go"
  rm -rf "$OUT/src" "$OUT/pacmak"
}
