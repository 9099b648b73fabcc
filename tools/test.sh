#!/usr/bin/env bash
# Runs every test of the solution, with what they need set up: a throwaway PostgreSQL server for the collector's
# PostgreSQL tests (tools/postgres.sh), stopped again however the tests end. Extra arguments go to `dotnet test`.
#
#   tools/test.sh
#   tools/test.sh tests/PiiGuard.Collector.Tests/PiiGuard.Collector.Tests.csproj --filter PostgreSql
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

if [[ -z "${PIIGUARD_TEST_POSTGRES:-}" ]]; then
    server=$(tools/postgres.sh start) || { echo "tools/test.sh: PostgreSQL did not start" >&2; exit 1; }
    eval "$server"
    trap 'tools/postgres.sh stop "$PIIGUARD_POSTGRES_DIR"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # Also when the terminal goes or whoever reads the output (tee, a CI runner) stops: bash would end without the
    # EXIT trap and leave the server running.
    trap 'exit 129' HUP
    trap 'exit 141' PIPE
fi

target=PiiGuard.sln
if [[ $# -gt 0 && "$1" != -* ]]; then
    target=$1
    shift
fi

dotnet test "$target" "$@"
