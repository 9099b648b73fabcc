#!/usr/bin/env bash
# Generator benchmark (issue 15, "A generator that scales"): what PiiGuard's generator adds to the build of a project
# full of payloads, against System.Text.Json source generation for the same types, at several project sizes.
#
#   benchmarks/build-time/scale.sh [options]
#
# For each size, generate.py writes one set of payload sources (the ones run.sh builds) and projects that compile
# exactly those sources:
#   none                 no PiiGuard analyzer or generator (the runtime dll is referenced so the attributes compile)
#   generator            PiiGuard's generator (src/Generators, Release) as an Analyzer item
#   generator-analyzers  the generator and PiiGuard's analyzers (src/Analyzers, Release)
#   stj                  no PiiGuard generator; a JsonSerializerContext with [JsonSerializable] for every payload type
#   before               (with --before DIR) the generator and runtime of another checkout, e.g. the pre-i15 tag
# Every variant first gets one warm-up build that also writes the generated files (EmitCompilerGeneratedFiles, to
# count them) and the analyzer/generator report (ReportAnalyzer); a variant whose warm-up build fails is reported with
# its errors (CS8103 counted) and left out of the timed builds. Then N timed full rebuilds per variant, interleaved,
# the order rotated each round (ABCD, BCDA, ...), then --report-runs more ReportAnalyzer builds per variant. The
# table (scale_report.py) goes to benchmarks/build-time/results-<date>-scale.md. See benchmarks/README.md.
#
# Options:
#   --sizes "N M"       payload counts, one project set per size (default "500 2000")
#   --runs N            timed full rebuilds per variant and size (default 5)
#   --report-runs N     extra ReportAnalyzer rebuilds per variant and size, after the timed ones (default 1)
#   --members N         [TelemetryField] members per payload type (default 20)
#   --seed N            generate.py's seed (default 20261122)
#   --before DIR        a checkout of PiiGuard (e.g. git worktree of the tag pre-i15): its src/Generators and
#                       src/Runtime are built in Release and give the "before" variant
#   --variants "A B"    which variants to time (default: none generator generator-analyzers stj, and before with --before)
#   --out DIR           scratch folder (default benchmarks/build-time/generated/scale; emptied first)
#   --results FILE      where the results go (default benchmarks/build-time/results-<date>-scale.md; "-" for none)
#   -h, --help          this text
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

sizes="500 2000"
runs=5
report_runs=1
members=20
seed=20261122
before=""
variants=""
out="$here/generated/scale"
results="$here/results-$(date -u +%Y-%m-%d)-scale.md"
original_args=("$@")

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --report-runs) report_runs="$2"; shift 2 ;;
    --members) members="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    --variants) variants="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scale.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$runs" "$report_runs" "$members" "$seed" $sizes; do
  case "$n" in ''|*[!0-9]*) echo "scale.sh: '$n' is not a number" >&2; exit 2 ;; esac
done
[ "$runs" -ge 1 ] || { echo "scale.sh: --runs must be at least 1" >&2; exit 2; }
[ -n "$sizes" ] || { echo "scale.sh: --sizes is empty" >&2; exit 2; }
if [ -n "$before" ]; then
  [ -d "$before/src/Generators" ] && [ -d "$before/src/Runtime" ] || { echo "scale.sh: $before has no src/Generators and src/Runtime" >&2; exit 2; }
  before="$(cd "$before" && pwd)"
fi
if [ -z "$variants" ]; then
  variants="none generator generator-analyzers stj"
  [ -z "$before" ] || variants="$variants before"
fi
for v in $variants; do
  case "$v" in
    none|generator|generator-analyzers|stj) ;;
    before) [ -n "$before" ] || { echo "scale.sh: the variant 'before' needs --before DIR" >&2; exit 2; } ;;
    *) echo "scale.sh: unknown variant '$v'" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# The machine's state, for the results: the load averages, the cores and the free memory at this moment.
snapshot() {
  printf '%s UTC: load average %s; nproc %s; MemAvailable %s MiB of %s MiB\n' "$(date -u '+%Y-%m-%d %H:%M:%S')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" \
    "$(awk '/^MemAvailable:/{printf "%d", $2/1024}' /proc/meminfo)" "$(awk '/^MemTotal:/{printf "%d", $2/1024}' /proc/meminfo)"
}

# 1. PiiGuard in Release, once (and the "before" checkout's generator and runtime).
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
build_release() { # checkout project
  if ! dotnet build "$1/$2" -c Release -nodeReuse:false -v:q -tl:off -nologo >"$build_log" 2>&1; then
    cat "$build_log" >&2
    echo "scale.sh: building $1/$2 failed" >&2
    exit 1
  fi
}
target_path() { dotnet msbuild "$1/$2" -nologo -getProperty:TargetPath -p:Configuration=Release | tr -d '\r'; }
log "building PiiGuard (Release): src/Generators, src/Analyzers, src/Runtime"
for project in src/Generators src/Analyzers src/Runtime; do build_release "$root" "$project"; done
generator_dll="$(target_path "$root" src/Generators/PiiGuard.Generators.csproj)"
analyzers_dll="$(target_path "$root" src/Analyzers/PiiGuard.Analyzers.csproj)"
runtime_dll="$(target_path "$root" src/Runtime/PiiGuard.Runtime.csproj)"
before_args=()
if [ -n "$before" ]; then
  log "building the before checkout (Release): $before (commit $(git -C "$before" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  for project in src/Generators src/Runtime; do build_release "$before" "$project"; done
  before_args=(--before-generator "$(target_path "$before" src/Generators/PiiGuard.Generators.csproj)"
               --before-runtime "$(target_path "$before" src/Runtime/PiiGuard.Runtime.csproj)")
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
[ -z "$(ls -A "$out")" ] || [ -f "$out/.piiguard-scale" ] || { echo "scale.sh: $out is not empty and was not made by this script" >&2; exit 1; }
rm -rf "${out:?}"/*
echo "made by benchmarks/build-time/scale.sh; deleted and remade by the next run" >"$out/.piiguard-scale"
{
  echo "command=benchmarks/build-time/scale.sh${original_args[*]:+ ${original_args[*]}}"
  echo "commit=$(git -C "$root" rev-parse --short HEAD) $(git -C "$root" log -1 --format=%s | cut -c1-100)"
  [ -z "$before" ] || echo "before=$(git -C "$before" describe --tags --always 2>/dev/null) $(git -C "$before" rev-parse --short HEAD)"
  echo "sizes=$sizes"; echo "variants=$variants"; echo "runs=$runs"; echo "report_runs=$report_runs"
  echo "members=$members"; echo "seed=$seed"
  echo "machine_start=$(snapshot)"
} >"$out/settings.txt"

common=(--no-restore -t:Rebuild -nodeReuse:false -p:UseSharedCompilation=false -tl:off -nologo)

for size in $sizes; do
  dir="$out/$size"
  logs="$dir/logs"
  # 2. The sources and projects.
  log "size $size: generating $size payloads x $members members"
  python3 "$here/generate.py" --out "$dir" --runtime "$runtime_dll" --analyzers "$analyzers_dll" \
    --generator "$generator_dll" "${before_args[@]}" --types "$size" --members "$members" --seed "$seed" >&2
  mkdir -p "$logs"
  for v in $variants; do
    dotnet restore "$dir/$v/Bench.Payloads.csproj" -nodeReuse:false -v:q -tl:off -nologo >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
  done

  # 3. Warm-up: one build per variant that also writes the generated files and the ReportAnalyzer table.
  timed=""
  : >"$dir/warmup.tsv"
  for v in $variants; do
    log "size $size: warm-up build of $v (generated files, analyzer report)"
    rm -rf "$dir/emitted/$v"
    if python3 "$here/measure.py" "$logs/warmup-$v.time" dotnet build "$dir/$v/Bench.Payloads.csproj" "${common[@]}" \
        -p:EmitCompilerGeneratedFiles=true "-p:CompilerGeneratedFilesOutputPath=$dir/emitted/$v" \
        -p:ReportAnalyzer=true -v:q "-flp:v=d;logfile=$logs/warmup-$v.log"; then
      status=ok
      timed="$timed $v"
    else
      status=failed
      log "  $v FAILED: $(grep -cE ': error ' "$logs/warmup-$v.log" || true) error lines; $(grep -oE 'error CS8103' "$logs/warmup-$v.log" | wc -l) CS8103"
      [ "$v" = before ] || { grep -E ": error " "$logs/warmup-$v.log" | sort -u | head -20 >&2; echo "scale.sh: the $v build failed" >&2; exit 1; }
    fi
    printf '%s\t%s\t%s\t%s\n' "$v" "$status" "$(cat "$logs/warmup-$v.time")" "$(cut -d' ' -f1 /proc/loadavg)" >>"$dir/warmup.tsv"
  done
  # The generator variants must have written one serializer file per payload; stj its context; none nothing of PiiGuard's.
  for v in $timed; do
    piiguard_files=$(find "$dir/emitted/$v" -name '*.PiiGuard.g.cs' 2>/dev/null | wc -l)
    stj_files=$(find "$dir/emitted/$v" -path '*System.Text.Json.SourceGeneration*' -name 'BenchJsonContext*.cs' 2>/dev/null | wc -l)
    case "$v" in
      generator|generator-analyzers|before) [ "$piiguard_files" -eq "$size" ] || { echo "scale.sh: $v emitted $piiguard_files payload files for $size payloads" >&2; exit 1; } ;;
      none) [ "$piiguard_files" -eq 0 ] && [ "$stj_files" -eq 0 ] || { echo "scale.sh: none emitted PiiGuard or STJ files" >&2; exit 1; } ;;
      stj) [ "$piiguard_files" -eq 0 ] && [ "$stj_files" -gt 0 ] || { echo "scale.sh: stj emitted $stj_files context files, $piiguard_files PiiGuard files" >&2; exit 1; } ;;
    esac
  done
  if [[ " $timed " == *" generator-analyzers "* ]] &&
      grep -E ": (error|warning) PII[0-9]{3}" "$logs/warmup-generator-analyzers.log" | sort -u | head -20 | grep . >&2; then
    echo "scale.sh: PiiGuard reported the generated payloads (above): fix generate.py" >&2
    exit 1
  fi

  # 4. Timed builds, interleaved, the order rotated each round.
  read -r -a order <<<"$timed"
  k=${#order[@]}
  times="$dir/times.tsv"
  printf 'round\tvariant\twall\tcpu\tloadavg\tdll_bytes\n' >"$times"
  log "size $size: timed builds, $runs rounds of:${timed}"
  for ((i = 1; i <= runs; i++)); do
    for ((j = 0; j < k; j++)); do
      v="${order[$(((i - 1 + j) % k))]}"
      measured="$logs/timed-$v-$i.time"
      rm -f "$measured"
      if ! python3 "$here/measure.py" "$measured" dotnet build "$dir/$v/Bench.Payloads.csproj" "${common[@]}" \
          -v:q "-flp:v=m;PerformanceSummary;logfile=$logs/timed-$v-$i.log"; then
        echo "scale.sh: timed $v build $i failed; see $logs/timed-$v-$i.log" >&2
        exit 1
      fi
      dll="$dir/$v/obj/Debug/net10.0/Bench.Payloads.dll"
      printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$v" "$(cat "$measured")" "$(cut -d' ' -f1 /proc/loadavg)" "$(stat -c %s "$dll")" >>"$times"
      log "  round $i, $v: $(tail -1 "$times" | cut -f3) s wall, $(tail -1 "$times" | cut -f4) s CPU, load $(tail -1 "$times" | cut -f5)"
    done
  done
  for v in $timed; do
    python3 "$here/metadata.py" "$dir/$v/obj/Debug/net10.0/Bench.Payloads.dll" >"$dir/metadata-$v.tsv"
  done

  # 5. Analyzer and generator times, apart from the timed builds.
  for ((i = 1; i <= report_runs; i++)); do
    for ((j = 0; j < k; j++)); do
      v="${order[$(((i - 1 + j) % k))]}"
      log "size $size: report build $i of $v"
      dotnet build "$dir/$v/Bench.Payloads.csproj" "${common[@]}" -p:ReportAnalyzer=true -v:q \
        "-flp:v=d;logfile=$logs/report-$v-$i.log" >/dev/null 2>&1 || { echo "scale.sh: report build of $v failed" >&2; exit 1; }
      cut -d' ' -f1 /proc/loadavg >"$logs/report-$v-$i.load"
    done
  done
  echo "machine_after_$size=$(snapshot)" >>"$out/settings.txt"
done

# 6. The tables.
python3 "$here/scale_report.py" --out "$out" --results "$results"
