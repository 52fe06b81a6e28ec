# Shared by the bindings scripts (sourced, not run): where things are cached and how a cache entry is made.
# Every entry is a directory named by the hash of its inputs, made in a temporary directory beside it and renamed
# into place when complete, so an interrupted build leaves nothing that looks finished.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Outside the repository, so a fresh clone on the same machine (CI) starts warm. Override with BINDINGS_CACHE.
CACHE="${BINDINGS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/strimzi-cdk8s/bindings}"
mkdir -p "$CACHE"

# jsii's tools warn on every run that Node 20 is past its end of life; the project's Node is 20.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-$(node -p "process.versions.node.split('.')[0]")}"

# The peers as the library's own npm install has them: the bindings are built from exactly these .jsii assemblies
# (Java, Go) or the same versions from PyPI (Python).
PEERS=(constructs cdk8s cdk8s-plus-27)
peer_version() { node -p "require('$ROOT/node_modules/$1/package.json').version"; }

# Hash of files and literal strings given as arguments (a file's path does not count, only its content).
inputs_hash() {
  local arg
  for arg in "$@"; do
    if [ -f "$arg" ]; then sha256sum < "$arg"; else printf '%s\n' "$arg"; fi
  done | sha256sum | cut -c1-16
}

# cached DIR COMMAND...: runs COMMAND with $OUT set to a fresh directory unless DIR exists; then DIR holds $OUT.
# Sets CACHE_STATE to "warm" or "cold". Concurrent builds of one entry wait for each other.
cached() {
  local dir="$1" lock state OUT; shift
  mkdir -p "$(dirname "$dir")"
  exec {lock}>"$dir.lock"
  flock "$lock"
  if [ -d "$dir" ]; then
    state=warm
    touch "$dir"  # last used: see prune_cache
  else
    state=cold
    OUT="$(mktemp -d "$dir.tmp.XXXXXX")"
    # In a child of its own: `set -e` holds there (bash ignores it in a function called as a condition).
    "$@" &
    if ! wait $!; then rm -rf "$OUT"; flock -u "$lock"; echo "bindings: $* failed" >&2; return 1; fi
    mv "$OUT" "$dir"
  fi
  flock -u "$lock"
  exec {lock}>&-
  CACHE_STATE=$state
}

# jsii-pacmak and jsii-rosetta at the versions scripts/bindings/tools pins, installed with npm ci.
tools_dir() { echo "$CACHE/tools/$(inputs_hash "$ROOT/scripts/bindings/tools/package-lock.json" "$(node --version)")"; }
install_tools() {
  cp "$ROOT/scripts/bindings/tools/package.json" "$ROOT/scripts/bindings/tools/package-lock.json" "$OUT/"
  (cd "$OUT" && npm ci --no-audit --no-fund --loglevel=error)
}
pacmak() {
  local tools; tools="$(tools_dir)"
  cached "$tools" install_tools >&2
  "$tools/node_modules/.bin/jsii-pacmak" "$@"
}

# Each build of a changed library leaves entries behind (~120 MB): of each kind, the 5 last used stay.
prune_cache() {
  local kind entry
  for kind in "$CACHE"/*/; do
    # A fresh cache has no kind yet (the glob stays as written), and a kind may hold no complete entry yet.
    [ -d "$kind" ] && [ "$kind" != "$CACHE/m2/" ] || continue
    find "$kind" -mindepth 1 -maxdepth 1 -type d ! -name '*.tmp.*' -printf '%T@ %p\n' | sort -rn | tail -n +6 | cut -d' ' -f2- |
      while read -r entry; do
        rm -rf "$entry" "$entry.lock"
      done
    find "$kind" -maxdepth 1 -name '*.tmp.*' -mmin +360 -exec rm -rf {} +  # left by a build that was killed
  done
}

elapsed() { echo "$(( $(date +%s) - $1 )) s"; }
