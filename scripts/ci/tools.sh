#!/usr/bin/env bash
# The programs the project runs besides Node and npm, and the Debian packages that provide them: one list, used by
# .ci/run (everything, up front), `npm test` (everything) and `npm run images` (buildah, mmdebstrap).
#
#   bash scripts/ci/tools.sh install [--simulate] [tool...]   install the packages of missing tools (root, apt-get)
#   bash scripts/ci/tools.sh check [tool...]                  only report; exit 1 when one is missing
#
# A tool counts as present only when an executable of that name is on PATH (`type -P`): a shell function or alias
# of the same name does not install anything. --simulate resolves the packages with `apt-get install --simulate`
# (after `apt-get update` when root) and changes nothing. Go (the API server, the Go binding) is not listed: Debian's
# is older than the project needs; the scripts that use it say so when it is missing.
set -euo pipefail

declare -A PACKAGE=(
  [java]=openjdk-17-jdk-headless    # the Kafka brokers, the schema checks, HarnessAdmin
  [javac]=openjdk-17-jdk-headless
  [mvn]=maven                       # Kafka's jars and the Kubernetes/OpenShift models from Maven Central
  [openssl]=openssl                 # the test PKI (cluster and clients CAs)
  [unshare]=util-linux              # the images tests run each image in its own namespaces
  [nsenter]=util-linux
  [buildah]=buildah                 # npm run images
  [mmdebstrap]=mmdebstrap
  [python3]=python3-venv            # the Python binding (scripts/bindings/build.sh makes a virtualenv); pulls python3
)
ORDER=(java javac mvn openssl unshare nsenter buildah mmdebstrap python3)

usage() { echo "usage: tools.sh install [--simulate] [tool...] | check [tool...]; tools: ${ORDER[*]}" >&2; exit 64; }

action="${1:-}"
[ "$action" = install ] || [ "$action" = check ] || usage
shift
simulate=false
if [ "${1:-}" = --simulate ]; then simulate=true; shift; fi
tools=("$@")
[ ${#tools[@]} -gt 0 ] || tools=("${ORDER[@]}")

missing=() packages=()
for tool in "${tools[@]}"; do
  package="${PACKAGE[$tool]:-}"
  [ -n "$package" ] || { echo "tools.sh: no package is known for '${tool}'" >&2; usage; }
  type -P "$tool" >/dev/null && continue
  missing+=("$tool")
  [[ " ${packages[*]} " == *" ${package} "* ]] || packages+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "tools: ${tools[*]} present"
  exit 0
fi
echo "tools: missing ${missing[*]} (Debian packages: ${packages[*]})"
command_line="apt-get update && apt-get install -y ${packages[*]}"

if [ "$action" = check ]; then
  echo "tools: install them with: sudo sh -c '${command_line}'  (or, as root: bash scripts/ci/tools.sh install)" >&2
  exit 1
fi

type -P apt-get >/dev/null || { echo "tools: apt-get not found; install ${packages[*]} with this system's package manager" >&2; exit 1; }
# apt waits for the dpkg lock rather than failing when another install runs on the same machine.
apt=(apt-get -q -o DPkg::Lock::Timeout=600)
if $simulate; then
  [ "$EUID" -ne 0 ] || "${apt[@]}" update -qq
  "${apt[@]}" install --simulate "${packages[@]}"
  exit 0
fi
if [ "$EUID" -ne 0 ]; then
  echo "tools: installing them needs root; run: sudo sh -c '${command_line}'" >&2
  exit 1
fi
start=$SECONDS
"${apt[@]}" update -qq
DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${packages[@]}" >/dev/null
for tool in "${missing[@]}"; do
  type -P "$tool" >/dev/null || { echo "tools: ${tool} is still missing after installing ${PACKAGE[$tool]}" >&2; exit 1; }
done
echo "tools: installed ${packages[*]} in $((SECONDS - start)) s"
