#!/usr/bin/env bash
# Runs this serializer benchmark against PiiGuard as it was at another commit or tag, for before/after figures:
#
#   benchmarks/Serializer/at-commit.sh REF [BenchmarkDotNet arguments, default: --filter '*']
#
# Exports REF's tree (git archive, no worktree) into $TMPDIR/piiguard-serializer-at-REF (emptied first; outside this
# checkout, where BenchmarkDotNet would find two projects of the same name),
# puts this checkout's benchmark sources (benchmarks/Serializer/*.cs and the project) over REF's, and runs them there:
# the same benchmarks, against REF's runtime, generator and samples/Printernizer. BenchmarkDotNet's reports go to
# that folder's BenchmarkDotNet.Artifacts/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
ref="$1"; shift
[ $# -gt 0 ] || set -- --filter '*'
commit="$(git -C "$root" rev-parse --verify --quiet "$ref^{commit}")" || { echo "at-commit.sh: '$ref' is not a commit" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# Outside this checkout: BenchmarkDotNet finds its project by name under the current folder, and would find two.
tree="${TMPDIR:-/tmp}/piiguard-serializer-at-$(printf '%s' "$ref" | tr -c 'A-Za-z0-9._-' '_')"
rm -rf "$tree"
mkdir -p "$tree"
git -C "$root" archive "$commit" | tar -x -C "$tree"
cp "$here"/*.cs "$here"/*.csproj "$tree/benchmarks/Serializer/"
# The sources the benchmark links from benchmarks/Shared.
mkdir -p "$tree/benchmarks/Shared"
cp "$root"/benchmarks/Shared/*.cs "$tree/benchmarks/Shared/"
# Before the samples were split (issue 11), the payload types lived in the sample app itself (samples/Printernizer,
# same namespace and SampleData): point the benchmark's reference there.
if [ ! -f "$tree/samples/Printernizer.Payloads/Printernizer.Payloads.csproj" ]; then
  [ -f "$tree/samples/Printernizer/Printernizer.csproj" ] \
    || { echo "at-commit.sh: $ref has neither samples/Printernizer.Payloads nor samples/Printernizer" >&2; exit 1; }
  sed -i 's#samples\\Printernizer.Payloads\\Printernizer.Payloads.csproj#samples\\Printernizer\\Printernizer.csproj#' \
    "$tree/benchmarks/Serializer/PiiGuard.Benchmarks.Serializer.csproj"
  grep -q 'samples\\Printernizer\\Printernizer.csproj' "$tree/benchmarks/Serializer/PiiGuard.Benchmarks.Serializer.csproj" \
    || { echo "at-commit.sh: could not point the benchmark at $ref's samples/Printernizer" >&2; exit 1; }
  echo "at-commit.sh: $ref predates samples/Printernizer.Payloads; the benchmark references samples/Printernizer" >&2
fi
echo "at-commit.sh: $ref ($commit) in $tree, with the benchmark sources of $(git -C "$root" rev-parse --short HEAD)" >&2
cd "$tree"
dotnet build -c Release benchmarks/Serializer -nodeReuse:false -v:q -tl:off -nologo
echo "load average before: $(cat /proc/loadavg)"
dotnet run --no-build -c Release --project benchmarks/Serializer -- "$@"
echo "load average after: $(cat /proc/loadavg)"
