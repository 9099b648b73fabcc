#!/usr/bin/env bash
# Name corpus benchmark: precision and recall at Error of PiiGuard's name and type rules on the public-schema name
# corpus (tests/Corpus/public-schemas.tsv), measured through the packed package.
#
#   benchmarks/NameCorpus/run.sh [options]
#
# Packs PiiGuard from this working tree with a version no NuGet cache has seen, writes the corpus's two parts
# (tuning, held_back) as two consumer projects that reference exactly that package, builds each with a SARIF log,
# and prints precision and recall at Error per part, per personal category and per source; the same goes to
# benchmarks/NameCorpus/results-<date>.md. The held-back part is reported in aggregate only; the tuning part's
# misses and false errors go to <out>/tuning-errors.tsv. See benchmarks/NameCorpus/README.md.
#
# Options:
#   --out DIR         scratch folder (default benchmarks/NameCorpus/generated, git-ignored; the projects are
#                     rewritten every run, the restored dependencies are kept)
#   --results FILE    where the results go (default benchmarks/NameCorpus/results-<date>.md; "-" for none)
#   -h, --help        this text
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

out="$here/generated"
results="$here/results-$(date -u +%Y-%m-%d).md"
original_args=("$@")

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --out|--results) [ $# -ge 2 ] || { echo "run.sh: $1 needs a value (see --help)" >&2; exit 2; } ;;&
    --out) out="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$results" != "-" ]; then
  mkdir -p "$(dirname "$results")"
  results="$(cd "$(dirname "$results")" && pwd)/$(basename "$results")"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
seconds() { awk -v from="$1" -v to="$2" 'BEGIN { printf "%.0f\n", to - from }'; }

started="$(now)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
logs="$out/logs"
mkdir -p "$logs"

# Nothing that says which held-back rows fail may outlive the run: its SARIF log and build log go when the script
# ends, however it ends.
held_back_files=("$out/held_back/build.sarif" "$logs/held_back-build.log")
trap 'rm -f "${held_back_files[@]}"' EXIT

# Every build: no MSBuild node left behind, and a fresh csc rather than a compiler server that would outlive the run.
common=(-nodeReuse:false -p:UseSharedCompilation=false -tl:off -nologo)

fail_with_log() { # log-file message
  grep -E ": (error|warning) " "$1" | sort -u | head -20 >&2 || tail -20 "$1" >&2
  echo "run.sh: $2 (log: $1)" >&2
  exit 1
}

# 1. The C# half of the benchmark: writes the parts' sources and reads the SARIF logs (Tool/Program.cs).
log "building the benchmark's tool (benchmarks/NameCorpus/Tool)"
tool_project="$here/Tool/PiiGuard.Benchmarks.NameCorpus.csproj"
dotnet build "$tool_project" -c Release "${common[@]}" -v:q >"$logs/tool-build.log" 2>&1 \
  || fail_with_log "$logs/tool-build.log" "building the tool failed"
tool="$(dotnet msbuild "$tool_project" -nologo -getProperty:TargetPath -p:Configuration=Release | tr -d '\r')"
[ -f "$tool" ] || { echo "run.sh: expected $tool after the build" >&2; exit 1; }

# 2. The package, from this working tree, with a version of its own (so no NuGet cache can serve an older build).
base_version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)"
version="${base_version:-0.0.0}-corpus.$(date -u +%Y%m%d%H%M%S).$$"
feed="$out/feed"
rm -rf "$feed"
log "packing PiiGuard $version from $root (Release)"
t0="$(now)"
dotnet pack "$root/src/Runtime/PiiGuard.Runtime.csproj" -c Release -o "$feed" "-p:Version=$version" "${common[@]}" -v:q \
  >"$logs/pack.log" 2>&1 || fail_with_log "$logs/pack.log" "dotnet pack of src/Runtime failed"
t_pack="$(seconds "$t0" "$(now)")"
[ -f "$feed/PiiGuard.$version.nupkg" ] || { echo "run.sh: dotnet pack did not write $feed/PiiGuard.$version.nupkg" >&2; exit 1; }

# 3. The consumer projects, one per part. They are generated inside the repository's tree (git-ignored), so they
#    stop every walk up the folders: MSBuild's Directory.Build.*, central package management and .editorconfig.
log "writing the consumer projects into $out"
rm -rf "$out/tuning" "$out/held_back"
echo "<Project />" >"$out/Directory.Build.props"
echo "<Project />" >"$out/Directory.Build.targets"
echo "<Project />" >"$out/Directory.Packages.props"
printf '# The generated projects take no analyzer settings from the repository.\nroot = true\n' >"$out/.editorconfig"
# The local feed, and nuget.org for PiiGuard's dependencies. Source mapping takes PiiGuard from the local feed only.
cat >"$out/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="piiguard-corpus" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="piiguard-corpus">
      <package pattern="PiiGuard" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF
dotnet "$tool" write "$root/tests/Corpus/public-schemas.tsv" "$out"
parts=(tuning held_back)
for part in "${parts[@]}"; do
  cat >"$out/$part/NameCorpus.$part.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Written by benchmarks/NameCorpus/run.sh: the $part part of the name corpus (Rows.cs), built through the package. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PiiGuard" Version="[$version]" />
  </ItemGroup>
</Project>
EOF
done

# 4. Restore into a packages folder of the benchmark's own (kept across runs for the dependencies; the old PiiGuard
#    versions go), never the machine's global packages folder.
log "restoring PiiGuard $version from the local feed"
rm -rf "$out/packages/piiguard"
t0="$(now)"
for part in "${parts[@]}"; do
  project="$out/$part/NameCorpus.$part.csproj"
  dotnet restore "$project" --packages "$out/packages" -nodeReuse:false -tl:off -v:q >"$logs/$part-restore.log" 2>&1 \
    || fail_with_log "$logs/$part-restore.log" "restoring the $part project failed"
  grep -q "\"PiiGuard/$version\"" "$out/$part/obj/project.assets.json" \
    || { echo "run.sh: the $part project did not restore PiiGuard $version" >&2; exit 1; }
done
t_restore="$(seconds "$t0" "$(now)")"

# 5. The builds. They fail, with PiiGuard's errors: that is what is measured. The compiler's SARIF 2.1 log holds
#    every diagnostic with its rule, level and line; the tool checks that no other error failed the build.
declare -A t_build
for part in "${parts[@]}"; do
  log "building the $part part"
  project="$out/$part/NameCorpus.$part.csproj"
  t0="$(now)"
  if dotnet build "$project" --no-restore "${common[@]}" -v:q -p:TreatWarningsAsErrors=false \
      "-p:ErrorLog=$out/$part/build.sarif%2Cversion=2.1" >"$logs/$part-build.log" 2>&1; then
    log "  the $part build succeeded (no row flagged at Error)"
  fi
  t_build[$part]="$(seconds "$t0" "$(now)")"
  if [ ! -f "$out/$part/build.sarif" ]; then
    # Only errors that are not PiiGuard's: nothing of a held-back row's verdict.
    grep -E ": error " "$logs/$part-build.log" | grep -v ": error PII0" | sort -u | head -20 >&2 || true
    echo "run.sh: the $part build wrote no SARIF log" >&2
    exit 1
  fi
done

# 6. The results.
git_head="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
changed="$(git -C "$root" status --porcelain -- src tests/Corpus tests/Shared benchmarks/NameCorpus 2>/dev/null | wc -l)"
if [ "$changed" -eq 0 ]; then
  tree="as committed (src/, tests/Corpus, tests/Shared, benchmarks/NameCorpus)"
else
  tree="with $changed uncommitted changed or new files in src/, tests/Corpus, tests/Shared or benchmarks/NameCorpus"
fi
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
memory="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$( (. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown OS}") || echo "unknown OS")"
command="benchmarks/NameCorpus/run.sh${original_args[*]:+ ${original_args[*]}}"
t_total="$(seconds "$started" "$(now)")"
info="$out/run-info.tsv"
{
  printf 'Date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'Commit\t%s, working tree %s\n' "$git_head" "$tree"
  printf 'Package\tPiiGuard %s, packed from that working tree (Release)\n' "$version"
  printf 'Consumers\tnet10.0 class libraries, Nullable enabled, one PackageReference; `dotnet build -p:TreatWarningsAsErrors=false -p:ErrorLog=...,version=2.1`\n'
  printf 'Command\t`%s`\n' "$command"
  printf 'Machine\t%s cores (%s), %s memory, %s, kernel %s\n' "$(nproc)" "${cpu:-unknown CPU}" "$memory" "$os" "$(uname -r)"
  printf '.NET SDK\t%s\n' "$(cd "$root" && dotnet --version)"
  printf 'Load average (1, 5, 15 min)\t%s at the start, %s at the end\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'Run time\t%s s: pack %s s, restore %s s, build tuning %s s, build held_back %s s\n' \
    "$t_total" "$t_pack" "$t_restore" "${t_build[tuning]}" "${t_build[held_back]}"
} >"$info"

shown_errors="$out/tuning-errors.tsv"
case "$shown_errors" in "$root"/*) shown_errors="${shown_errors#"$root"/}" ;; esac
# The tool runs from the repository's root, so that the path it prints for the tuning errors is the short one.
# A second labeller's sample of the tuning part, when there is one, is reported against both labels.
second=()
[ -f "$root/tests/Corpus/second-labeller.tsv" ] && second=(--second-labels "$root/tests/Corpus/second-labeller.tsv")
(cd "$root" && dotnet "$tool" report --corpus "$root/tests/Corpus/public-schemas.tsv" --work "$out" --info "$info" \
  --results "$results" --tuning-errors "$shown_errors" "${second[@]}")
[ "$results" = "-" ] || log "results written to $results"
