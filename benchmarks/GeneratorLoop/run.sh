#!/usr/bin/env bash
# The generator in an IDE-like loop: PiiGuard's generator and System.Text.Json's for the same payloads, re-run through
# a GeneratorDriver after an unrelated edit and after a one-member edit (README.md beside this file).
#
#   benchmarks/GeneratorLoop/run.sh [options]
#
# Options:
#   --sizes "N M"     payload counts to time (default "500 2000"); the build-time benchmark's generated project
#   --track-size N    payload count of the step-tracking run (default 50; 0: none; Roslyn's tracking is slow on large projects)
#   --rounds N        each edit made and undone N times per size (default 5)
#   --out DIR         scratch folder (default benchmarks/GeneratorLoop/generated; emptied first)
#   --results FILE    where the results go (default benchmarks/GeneratorLoop/results-<date>.md; "-" for none)
#   -h, --help        this text
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="500 2000"
track_size=50
rounds=5
out="$here/generated"
results="$here/results-$(date -u +%Y-%m-%d).md"
original_args=("$@")

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --track-size) track_size="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

log "building PiiGuard (Release) and the benchmark"
for project in src/Generators src/Analyzers src/Runtime benchmarks/GeneratorLoop; do
  dotnet build "$root/$project" -c Release -nodeReuse:false -v:q -tl:off -nologo >/dev/null
done
path_of() { dotnet msbuild "$root/$1" -nologo -getProperty:TargetPath -p:Configuration=Release | tr -d '\r'; }
generator="$(path_of src/Generators/PiiGuard.Generators.csproj)"
analyzers="$(path_of src/Analyzers/PiiGuard.Analyzers.csproj)"
runtime="$(path_of src/Runtime/PiiGuard.Runtime.csproj)"
tool="$(path_of benchmarks/GeneratorLoop/PiiGuard.Benchmarks.GeneratorLoop.csproj)"

mkdir -p "$out"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
{
  echo "# The generator in an IDE-like loop ($(date -u '+%Y-%m-%d %H:%M') UTC)"
  echo
  echo "Command: \`benchmarks/GeneratorLoop/run.sh${original_args[*]:+ ${original_args[*]}}\`; commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src benchmarks/GeneratorLoop || echo ' with uncommitted changes')."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)."
  echo
} >"$report"
runs=($sizes)
[ "$track_size" -gt 0 ] && runs+=("track:$track_size")
for size in "${runs[@]}"; do
  track=()
  n="$size"
  if [[ "$size" == track:* ]]; then n="${size#track:}"; track=(--track-steps); fi
  log "$n payloads${track:+ (step tracking)}: generating the sources"
  python3 "$root/benchmarks/build-time/generate.py" --out "$out/$n" --runtime "$runtime" --analyzers "$analyzers" \
    --generator "$generator" --types "$n" >/dev/null
  log "$n payloads${track:+ (step tracking)}: running"
  echo "## $n payloads$([ ${#track[@]} -gt 0 ] && echo ': which steps run again')" >>"$report"
  echo >>"$report"
  dotnet "$tool" --sources "$out/$n" --generator "$generator" --runtime "$runtime" --rounds "$rounds" "${track[@]}" \
    | sed '1,2d; s/^## /### /; s/^### \(PiiGuard\|System\)/#### \1/' >>"$report"
done
cat "$report"
if [ "$results" != "-" ]; then cp "$report" "$results"; log "results in $results"; fi
