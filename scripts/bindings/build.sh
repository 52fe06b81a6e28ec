#!/usr/bin/env bash
# Builds the library's Python, Java and Go packages with jsii-pacmak from the .jsii that `npm run build` makes,
# and the seed program of each language against them (bindings/<language>/).
# Usage: build.sh [--synth OUTDIR] [python|java|go]... (all three when none is named); with --synth, each program
# runs and writes its YAML to OUTDIR/<language>/. Each step is cached outside the repository by the hash of its
# inputs; the figures printed say which steps were cold.
set -Eeuo pipefail
# A failed step names itself, instead of ending the build without a word.
trap 'echo "bindings: \"${BASH_COMMAND}\" failed (exit $?) at ${BASH_SOURCE[0]}:${LINENO}" >&2' ERR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/peers.sh"
cd "$ROOT"

synth_dir=""
if [ "${1:-}" = --synth ]; then synth_dir="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2; fi
languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(python java go)

# --- The library: `npm run build` (jsii) in a copy of the package's own files (what `npm pack` puts in the package
# and what its build reads), so a build here never races with another `npm run build` or `npm pack` in the working
# tree. Keyed by those files' paths and contents and by the dependencies below.
package_files() {
  git ls-files --cached --others --exclude-standard -- package.json README.md LICENSE 'tsconfig*.json' lib imports \
    | while read -r f; do [ -f "$f" ] && echo "$f"; done
}
lib_key() {
  { package_files | while read -r f; do printf '%s %s\n' "$(sha256sum < "$f" | cut -c1-64)" "$f"; done
    echo "$DEPS"; } | sha256sum | cut -c1-16
}
# The copy's node_modules is a real directory: with a link to the project's, `npm pack` (run by pacmak) leaves the
# bundled dependencies' own dependencies out of the package, and the bindings fail to load it. Installed once per
# lockfile (the `apps` workspace is not part of the package) and hard-linked into each copy.
install_deps() {
  cp package.json package-lock.json "$OUT/"
  (cd "$OUT" && npm ci --ignore-scripts --workspaces=false --no-audit --no-fund --loglevel=error --prefer-offline)
}
build_lib() {
  package_files | tar -cf - -T - | tar -xf - -C "$OUT"
  cp -al "$DEPS/node_modules" "$OUT/node_modules"
  (cd "$OUT" && npm run build --silent)
}

# pacmak packs the copy with its node_modules. Its `npm pack` must not run the package's `prepare` (a second jsii
# build, over the one being read).
pacmak_lib() {
  npm_config_ignore_scripts=true pacmak "$LIB/package" --no-npmignore --outdir "$OUT/pacmak" "$@"
}

# --- Python: the library's wheel, and a virtualenv with the peers from PyPI (bindings/python/requirements.txt)
# and that wheel.
build_python_lib() {
  pacmak_lib --target python
  mv "$OUT/pacmak/python/"* "$OUT/"
  rm -rf "$OUT/pacmak"
}
build_python_venv() {
  # Made here and moved into place: its `python` still finds it there (pyvenv.cfg); its scripts (pip) would not.
  python3 -m venv "$OUT"
  "$OUT/bin/pip" install --quiet -r "$ROOT/bindings/python/requirements.txt" "$LIB/python/"*.whl
}

# --- Java: the library deployed to a Maven repository; one Maven settings file names it and the peers' repository,
# for pacmak's build and the program's.
java_settings() {
  local peers="$1" lib="$2" file="$CACHE/java-settings-$3.xml"
  cat > "$file" <<XML
<settings>
  <profiles><profile><id>strimzi-cdk8s-bindings</id><repositories>
    <repository><id>cdk8s-peers</id><url>file://$peers/repo</url></repository>
    <repository><id>strimzi-cdk8s</id><url>file://$lib/java/repo</url></repository>
  </repositories></profile></profiles>
  <activeProfiles><activeProfile>strimzi-cdk8s-bindings</activeProfile></activeProfiles>
</settings>
XML
  echo "$file"
}
build_java_lib() {
  # No javadoc jar: the program needs none.
  pacmak_lib --target java --maven-local-repository="$CACHE/m2" --mvn-global-settings="$JAVA_SETTINGS" \
    --mvn-define=maven.javadoc.skip=true
  mv "$OUT/pacmak/java" "$OUT/repo"
  rm -rf "$OUT/pacmak"
}
build_java_program() {
  (cd "$ROOT/bindings/java" && mvn --batch-mode --quiet --global-settings "$JAVA_SETTINGS" \
    -Dmaven.repo.local="$CACHE/m2" -DbuildDirectory="$OUT/target" package dependency:build-classpath \
    -Dmdep.outputFile="$OUT/classpath")
}

# --- Go: the library's module source; bindings/go/go.mod replaces the library and cdk8s modules with the
# directories bindings/go/build/ links to.
build_go_lib() {
  pacmak_lib --target go --code-only
  mv "$OUT/pacmak/go/"* "$OUT/"
  rm -rf "$OUT/pacmak"
}
build_go_program() {
  (cd "$ROOT/bindings/go" && go build -o "$OUT/seed" .)
}

need() {  # need TOOL WHY...: fails up front, naming the tool, when it is missing
  command -v "$1" >/dev/null && return
  echo "build.sh: '$1' is not on the PATH; ${*:2}" >&2
  exit 1
}

step() {  # step NAME DIR FUNCTION: one cached step, timed
  local start; start=$(date +%s)
  cached "$2" "$3"
  printf 'bindings: %-14s %-4s %s\n' "$1" "$CACHE_STATE" "$(elapsed "$start")" >&2
}

prune_cache
start_all=$(date +%s)
DEPS="$CACHE/deps/$(inputs_hash package-lock.json "$(node --version)" "$(npm --version)")"
step dependencies "$DEPS" install_deps
LIB="$CACHE/lib/$(lib_key)"
mkdir -p "$LIB" && touch "$LIB"
step library "$LIB/package" build_lib
PEERS_KEY="$(peers_key)"
for language in "${languages[@]}"; do
  start=$(date +%s)
  case "$language" in
    python)
      need python3 "install Python 3.9 or later with its venv module (Debian: apt-get install python3-venv)."
      python3 -c 'import ensurepip' 2>/dev/null \
        || { echo "build.sh: python3 lacks the venv module's pip (Debian: apt-get install python3-venv)." >&2; exit 1; }
      step python-lib "$LIB/python" build_python_lib
      VENV="$CACHE/python/$(inputs_hash "$ROOT/bindings/python/requirements.txt" "$(python3 --version)" "$LIB")"
      step python-venv "$VENV" build_python_venv
      run=("$VENV/bin/python" "$ROOT/bindings/python/main.py")
      ;;
    java)
      need mvn "install a JDK (17 or later) and Maven 3.8 or later (Debian: apt-get install maven)."
      step java-peers "$CACHE/java-peers/$PEERS_KEY" build_java_peers
      JAVA_SETTINGS="$(java_settings "$CACHE/java-peers/$PEERS_KEY" "$LIB" "$PEERS_KEY-$(basename "$LIB")")"
      step java-lib "$LIB/java" build_java_lib
      program="$CACHE/java-program/$(inputs_hash "$LIB" "$PEERS_KEY" \
        $(find bindings/java -type f -not -path '*/target/*' | sort))"
      step java-program "$program" build_java_program
      run=(java -cp "$program/target/classes:$(cat "$program/classpath")" io.github.strimzicdk8s.seed.SeedSystem)
      ;;
    go)
      need go "install Go 1.25 or later (https://go.dev/dl/)."
      step go-peers "$CACHE/go-peers/$PEERS_KEY" build_go_peers
      step go-lib "$LIB/go" build_go_lib
      mkdir -p bindings/go/build
      ln -sfn "$CACHE/go-peers/$PEERS_KEY/go/cdk8s" bindings/go/build/cdk8s
      ln -sfn "$CACHE/go-peers/$PEERS_KEY/go/cdk8splus27" bindings/go/build/cdk8splus27
      ln -sfn "$LIB/go/strimzicdk8s" bindings/go/build/strimzicdk8s
      program="$CACHE/go-program/$(inputs_hash "$LIB" "$PEERS_KEY" $(find bindings/go -type f | sort))"
      step go-program "$program" build_go_program
      run=("$program/seed")
      ;;
    *) echo "build.sh: unknown language '$language' (python, java or go)" >&2; exit 2 ;;
  esac
  echo "bindings: $language ready in $(elapsed "$start")" >&2
  if [ -n "$synth_dir" ]; then
    start=$(date +%s)
    rm -rf "${synth_dir:?}/$language"
    CDK8S_OUTDIR="$synth_dir/$language" "${run[@]}"
    echo "bindings: $language synth in $(elapsed "$start") to $synth_dir/$language" >&2
  fi
done
echo "bindings: all ready in $(elapsed "$start_all")" >&2
