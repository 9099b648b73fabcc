#!/usr/bin/env bash
# Build-time benchmark: how much PiiGuard's analyzers add to the build of a project full of payloads.
#
#   benchmarks/build-time/run.sh [options]
#
# Generates 2,000 privacy-clean payload types with 20 [TelemetryField] members each, builds the same sources with
# and without PiiGuard's analyzers (interleaved, so that drift and other load hit both), and prints a side-by-side
# table that also goes to benchmarks/build-time/results-<date>.md. See benchmarks/README.md.
#
# Options:
#   --runs N            timed full rebuilds per variant (default 5)
#   --report-runs N     extra rebuilds per variant with -p:ReportAnalyzer=true, for the analyzer times (default 3)
#   --types N           payload types (default 2000)
#   --members N         [TelemetryField] members per payload type (default 20)
#   --seed N            generator seed (default 20261122)
#   --app-entities N    also application code: N classified entity types with a logging service each, for the
#                       application-data rules (PII100-PII120) next to the payload rules (default 0)
#   --out DIR           scratch folder (default benchmarks/build-time/generated/run; emptied first)
#   --results FILE      where the results go (default benchmarks/build-time/results-<date>.md; "-" for none)
#   --compiler-server   let csc use the shared compiler server (VBCSCompiler) instead of a fresh csc per build
#   -h, --help          this text
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

runs=5
report_runs=3
types=2000
members=20
seed=20261122
app_entities=0
out="$here/generated/run"
results="$here/results-$(date -u +%Y-%m-%d).md"
shared_compilation=false
original_args=("$@")

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --report-runs) report_runs="$2"; shift 2 ;;
    --types) types="$2"; shift 2 ;;
    --members) members="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --app-entities) app_entities="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --compiler-server) shared_compilation=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$runs" "$report_runs" "$types" "$members" "$seed" "$app_entities"; do
  case "$n" in ''|*[!0-9]*) echo "run.sh: '$n' is not a number" >&2; exit 2 ;; esac
done
[ "$runs" -ge 1 ] || { echo "run.sh: --runs must be at least 1" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# 1. PiiGuard itself, in Release, once.
log "building PiiGuard (Release): src/Analyzers, src/Runtime"
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
for project in src/Analyzers src/Runtime; do
  if ! dotnet build "$root/$project" -c Release -nodeReuse:false -v:q -tl:off -nologo >"$build_log" 2>&1; then
    cat "$build_log" >&2
    echo "run.sh: building $project failed" >&2
    exit 1
  fi
done
target_path() { dotnet msbuild "$root/$1" -nologo -getProperty:TargetPath -p:Configuration=Release | tr -d '\r'; }
analyzers_dll="$(target_path src/Analyzers/PiiGuard.Analyzers.csproj)"
runtime_dll="$(target_path src/Runtime/PiiGuard.Runtime.csproj)"
for f in "$analyzers_dll" "$runtime_dll"; do
  [ -f "$f" ] || { echo "run.sh: expected $f after the build" >&2; exit 1; }
done

# 2. The projects.
log "generating $types payloads x $members members into $out"
python3 "$here/generate.py" --out "$out" --runtime "$runtime_dll" --analyzers "$analyzers_dll" \
  --types "$types" --members "$members" --seed "$seed" --app-entities "$app_entities" >&2
out="$(cd "$out" && pwd)"
logs="$out/logs"
mkdir -p "$logs"

with="$out/with-piiguard/Bench.Payloads.csproj"
without="$out/without-piiguard/Bench.Payloads.csproj"
canary="$out/canary/Bench.Payloads.csproj"

for project in "$with" "$without" "$canary"; do
  dotnet restore "$project" -nodeReuse:false -v:q -tl:off -nologo >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
done

# The build every measurement uses: a full rebuild (Clean + Build) of one project, no restore, no MSBuild node
# left behind, and (by default) a fresh csc process rather than the shared compiler server.
common=(--no-restore -t:Rebuild -nodeReuse:false "-p:UseSharedCompilation=$shared_compilation" -tl:off -nologo)
# With the compiler server, the compile runs in VBCSCompiler, which the build does not wait for as a child: measure.py
# then adds the server's CPU time to the build's.
measure_options=()
[ "$shared_compilation" = false ] || measure_options=(--compiler-server)

# 3. The canary must fail with PiiGuard errors: proof that the analyzer reference is live.
log "canary: one bad payload must fail the build"
if dotnet build "$canary" "${common[@]}" -v:q >"$logs/canary.log" 2>&1; then
  echo "run.sh: the canary project built, so PiiGuard's analyzers did not run; see $logs/canary.log" >&2
  exit 1
fi
grep -q "error PII00" "$logs/canary.log" || { cat "$logs/canary.log" >&2; echo "run.sh: the canary failed without a PII error" >&2; exit 1; }

# A build with -p:ReportAnalyzer=true; the analyzer table is logged at detailed verbosity.
report_build() { # variant index
  local project="$with"; [ "$1" = with ] || project="$without"
  local file="$logs/report-$1-$2.log"
  if ! dotnet build "$project" "${common[@]}" -p:ReportAnalyzer=true -v:q "-flp:v=d;logfile=$file" >/dev/null 2>&1; then
    grep -E ": (error|warning) " "$file" | sort -u | head -20 >&2 || true
    echo "run.sh: the $1 build failed; see $file" >&2
    exit 1
  fi
  cut -d' ' -f1 /proc/loadavg >"$logs/report-$1-$2.load"
}

# 4. Warm-up (file cache, NuGet cache, JIT of MSBuild's own assemblies), one per variant, with the analyzer report:
#    it is also the check that the generated payloads are clean: no PII diagnostic at all, warnings included.
log "warm-up builds (also the check that PiiGuard reports nothing)"
report_build with 0
report_build without 0
if grep -E ": (error|warning) PII[0-9]{3}" "$logs/report-with-0.log" | sort -u | head -20 | grep . >&2; then
  echo "run.sh: PiiGuard reported the generated payloads (above): fix generate.py" >&2
  exit 1
fi
grep -q "PiiGuard.Analyzers, Version=" "$logs/report-with-0.log" || { echo "run.sh: no PiiGuard line in the analyzer report" >&2; exit 1; }

# 5. Timed builds, interleaved: round i builds both variants, the order alternating (AB, BA, AB, ...).
times="$out/times.tsv"
printf 'round\tvariant\twall\tcpu\tloadavg\n' >"$times"
timed_build() { # variant round
  local project="$with"; [ "$1" = with ] || project="$without"
  local file="$logs/timed-$1-$2.log" measured="$logs/timed-$1-$2.time"
  rm -f "$measured"
  if ! python3 "$here/measure.py" "${measure_options[@]}" "$measured" \
      dotnet build "$project" "${common[@]}" -v:q "-flp:v=m;PerformanceSummary;logfile=$file"; then
    echo "run.sh: timed $1 build $2 failed; see $file" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\n' "$2" "$1" "$(cat "$measured")" "$(cut -d' ' -f1 /proc/loadavg)" >>"$times"
  log "  round $2, $1: $(tail -1 "$times" | cut -f3) s wall, $(tail -1 "$times" | cut -f4) s CPU"
}
log "timed builds: $runs rounds"
for ((i = 1; i <= runs; i++)); do
  if ((i % 2)); then timed_build with "$i"; timed_build without "$i"; else timed_build without "$i"; timed_build with "$i"; fi
done

# 6. Analyzer time: separate builds with ReportAnalyzer, so that its bookkeeping does not touch the timed builds.
if [ "$report_runs" -gt 0 ]; then
  log "analyzer report builds: $report_runs rounds"
  for ((i = 1; i <= report_runs; i++)); do
    if ((i % 2)); then report_build with "$i"; report_build without "$i"; else report_build without "$i"; report_build with "$i"; fi
  done
fi

# 7. The table.
command="benchmarks/build-time/run.sh${original_args[*]:+ ${original_args[*]}}"
python3 "$here/report.py" --out "$out" --results "$results" --runs "$runs" --report-runs "$report_runs" \
  --types "$types" --members "$members" --seed "$seed" --app-entities "$app_entities" --compiler-server "$shared_compilation" --command "$command"
