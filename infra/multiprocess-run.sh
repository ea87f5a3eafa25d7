#!/usr/bin/env bash
# The multi-process drill by hand: 3 silo processes on Azure storage, a campaign, the cutover grain's
# host SIGKILLed mid-hold, one PASS/FAIL line per check. The drill and its checks are C#
# (tests/Coordinator.IntegrationTests/Processes/Drill, the same code MultiProcessRunTests runs); this
# script only builds, finds storage, and runs the test assembly's entry point.
#
#   bash infra/multiprocess-run.sh [--inject REGION:METRIC=VALUE]... [--keep-logs DIR] [--no-build]
#                                  [--silo-dll PATH] [--console-dll PATH] [--connection-string CS]
#                                  [--settle-seconds N]
#
# Storage: --connection-string, else $COORDINATOR_TEST_AZURE_STORAGE, else an Azurite already listening
# on 127.0.0.1:10000-10002, else one started here with infra/azurite.sh (and stopped on exit).
# Exit 0 only if every check passed; 2 on a bad argument.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=infra/drill-build.sh
source "$ROOT/infra/drill-build.sh"

build=1
connection_given=0
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --connection-string) connection_given=1; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

build_drill multiprocess-run "$build"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_started=0
stop_azurite() {
  ((azurite_started == 0)) || bash "$ROOT/infra/azurite.sh" stop >/dev/null 2>&1 || echo "multiprocess-run: stopping Azurite failed" >&2
}
trap stop_azurite EXIT

if ((connection_given == 0)) && [[ -z ${COORDINATOR_TEST_AZURE_STORAGE:-} ]]; then
  if ! { port_open 10000 && port_open 10001 && port_open 10002; }; then
    echo "multiprocess-run: starting Azurite with infra/azurite.sh"
    bash "$ROOT/infra/azurite.sh" install </dev/null
    azurite_started=1
    bash "$ROOT/infra/azurite.sh" start </dev/null || { azurite_started=0; exit 1; }
  fi
  export COORDINATOR_TEST_AZURE_STORAGE="UseDevelopmentStorage=true"
fi

# Not exec: the trap above stops an Azurite started here.
rc=0
dotnet "$DRILL" "${args[@]}" </dev/null || rc=$?
exit "$rc"
