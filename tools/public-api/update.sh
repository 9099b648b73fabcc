#!/usr/bin/env bash
# Rewrites a project's PublicAPI.Unshipped.txt from its code, so that adding public API is one command:
#
#   tools/public-api/update.sh src/Runtime/PiiGuard.Runtime.csproj
#
# The project must track its public API (<PiiGuardTrackPublicApi>true</PiiGuardTrackPublicApi>, see
# src/Directory.Build.targets). The script empties PublicAPI.Unshipped.txt (keeping its *REMOVED* lines, which record
# removals of shipped API and are a person's decision), then lets `dotnet format` apply the analyzer's own code fix for
# RS0016 (public API not declared) and RS0037 (nullable annotations not declared) to every public type and member
# that PublicAPI.Shipped.txt does not already list. Review the result with `git diff`: every line is a promise to users.
# Shipped API that the code no longer has still fails the build (RS0017): move it to a *REMOVED* line by hand.
set -euo pipefail

if [[ $# -ne 1 || ! -f "$1" ]]; then
    echo "usage: $0 path/to/Project.csproj" >&2
    exit 2
fi

project="$1"
dir="$(cd "$(dirname "$project")" && pwd)"
unshipped="$dir/PublicAPI.Unshipped.txt"
shipped="$dir/PublicAPI.Shipped.txt"

if [[ ! -f "$shipped" || ! -f "$unshipped" ]]; then
    echo "$dir has no PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt: set PiiGuardTrackPublicApi in $project and create both (first line: #nullable enable)" >&2
    exit 1
fi

export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

{
    echo '#nullable enable'
    grep '^\*REMOVED\*' "$unshipped" || true
} > "$unshipped.new"
mv "$unshipped.new" "$unshipped"

dotnet format analyzers "$project" --diagnostics RS0016 RS0037 --severity info

echo "$(grep -cv '^#' "$unshipped" || true) lines in $unshipped"
