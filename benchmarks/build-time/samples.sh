#!/usr/bin/env bash
# PiiGuard's share of a compile, counted in CPU samples rather than timed: a steadier figure than whole-build times
# on a machine whose load moves them by more than PiiGuard costs. See benchmarks/README.md.
#
#   benchmarks/build-time/samples.sh [options]
#
# Needs a folder that run.sh has generated and restored (its --out; run.sh once first) and Linux perf (Debian:
# `apt-get install linux-perf`). Takes the compiler command line of a build of the with-PiiGuard project, runs that
# compiler directly (a fresh process, no MSBuild) under `perf record`, alternately with PiiGuard's analyzers and
# without them, and reports per run the share of samples with a PiiGuard frame on the stack (PiiGuard's code and the
# compiler work it calls) and the share under the compiler's analyzer driver.
#
# Options:
#   --runs N       compiles per variant (default 5)
#   --frequency N  samples per second (default 499)
#   --out DIR      run.sh's folder (default benchmarks/build-time/generated/run)
#   --results FILE where the results go (default benchmarks/build-time/results-samples-<date>.md; "-" for none)
#   -h, --help     this text
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs=5
frequency=499
out="$here/generated/run"
results="$here/results-samples-$(date -u +%Y-%m-%d).md"
original_args=("$@")

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --frequency) frequency="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "samples.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$runs" "$frequency"; do
  case "$n" in ''|*[!0-9]*) echo "samples.sh: '$n' is not a number" >&2; exit 2 ;; esac
done
[ "$runs" -ge 1 ] || { echo "samples.sh: --runs must be at least 1" >&2; exit 2; }
command -v perf >/dev/null || { echo "samples.sh: Linux perf is needed (Debian: apt-get install linux-perf)" >&2; exit 1; }
project_dir="$out/with-piiguard"
[ -f "$project_dir/Bench.Payloads.csproj" ] && [ -d "$project_dir/obj" ] ||
  { echo "samples.sh: $project_dir is not a restored project: run benchmarks/build-time/run.sh (with --out $out) first" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

scratch="$out/samples"
rm -rf "$scratch"
mkdir -p "$scratch/bin"

# 1. The compiler command line, from a detailed log of one rebuild with a fresh csc.
log "one rebuild of $project_dir, for the compiler's command line"
dotnet build "$project_dir/Bench.Payloads.csproj" --no-restore -t:Rebuild -nodeReuse:false -p:UseSharedCompilation=false \
  -tl:off -nologo -v:d >"$scratch/build.log" 2>&1 || { tail -20 "$scratch/build.log" >&2; echo "samples.sh: the build failed" >&2; exit 1; }
python3 "$here/samples.py" command --log "$scratch/build.log" --scratch "$scratch"

# 2. The compiles, alternating (with, without, without, with, ...), each a fresh compiler process under perf.
#    The runtime's perf map names the JIT-compiled frames (and their tier); it is removed after each run.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
compiler="$(cat "$scratch/compiler")"
for ((i = 1; i <= runs; i++)); do
  if ((i % 2)); then order=(with without); else order=(without with); fi
  for variant in "${order[@]}"; do
    log "run $i, $variant"
    maps_before="$(ls /tmp/perf-*.map /tmp/perfinfo-*.map 2>/dev/null || true)"
    ( cd "$project_dir" && perf record -q -F "$frequency" -g -o "$scratch/$variant-$i.data" -- "$compiler" /noconfig "@$scratch/$variant.rsp" ) \
      >"$scratch/$variant-$i.out" 2>&1 || { tail -20 "$scratch/$variant-$i.out" >&2; echo "samples.sh: the $variant compile failed" >&2; exit 1; }
    perf script -i "$scratch/$variant-$i.data" -F comm,tid,ip,sym 2>/dev/null | python3 "$here/samples.py" count >"$scratch/$variant-$i.tsv"
    rm -f "$scratch/$variant-$i.data"
    for map in /tmp/perf-*.map /tmp/perfinfo-*.map; do  # this run's maps only
      [ -e "$map" ] && ! grep -qxF "$map" <<<"$maps_before" && rm -f "$map"
    done
    printf '%s\t%s\t%s\n' "$variant" "$i" "$(cat "$scratch/$variant-$i.tsv")" >>"$scratch/counts.tsv"
  done
done

# 3. The table.
command="benchmarks/build-time/samples.sh${original_args[*]:+ ${original_args[*]}}"
python3 "$here/samples.py" report --counts "$scratch/counts.tsv" --results "$results" --frequency "$frequency" --command "$command"
