#!/usr/bin/env bash
# The seeded chaos suite: per round, 3 silo processes on an Azurite of the suite's own, the fleet's
# traffic, a campaign with random waves and holds (some rounds inject a degradation, so a rollback is
# expected), and random faults at random moments (silos SIGKILLed and restarted, one or two in a row;
# storage frozen with SIGSTOP for 10-30 s). Every drill check is judged per round, plus recovery.
# The rounds, faults and checks are C# (tests/Coordinator.IntegrationTests/Processes/Chaos); this
# script only builds and runs the test assembly's entry point.
#
#   bash infra/chaos.sh [--rounds N] [--seed S] [--keep-logs DIR] [--no-build]
#
# Each round prints its seed, waves, injection and faults, so a failure replays with the same
# --seed. The last line is the summary: rounds, faults injected, violations, time to recover.
# Azurite: started here with node on free ports (never 10000-10002) and stopped however the run
# ends; installed by `bash infra/azurite.sh install` when missing (or set COORDINATOR_AZURITE_JS).
# Exit 0 only with no violation; 2 on a bad argument.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly DRILL="$ROOT/tests/Coordinator.IntegrationTests/bin/Release/net10.0/Coordinator.IntegrationTests.dll"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

if ((build)); then
  echo "chaos: building Coordinator.sln (Release)"
  dotnet build "$ROOT/Coordinator.sln" -c Release -nologo -nodeReuse:false -v quiet \
    || { echo "chaos: the build failed" >&2; exit 1; }
fi
[[ -f $DRILL ]] || { echo "chaos: $DRILL is not built; build Coordinator.sln -c Release or drop --no-build" >&2; exit 1; }

if [[ -z ${COORDINATOR_AZURITE_JS:-} && ! -f $ROOT/infra/.azurite/node_modules/azurite/dist/src/azurite.js ]]; then
  bash "$ROOT/infra/azurite.sh" install </dev/null
fi

# exec: the entry point owns its Azurite and stops it on every way out (the test assembly's
# process tree is killed with it on an interrupt).
exec dotnet "$DRILL" chaos "${args[@]}" </dev/null
