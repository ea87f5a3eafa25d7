#!/usr/bin/env bash
# The seeded chaos suite: per round, 3 silo processes on an Azurite of the suite's own, the fleet's
# traffic, a campaign with random waves and holds (some rounds inject a degradation, so a rollback is
# expected), and random faults at random moments (silos SIGKILLed and restarted: one, two in a row, or
# two at once; storage frozen with SIGSTOP for 10-30 s; the fleet frozen, or its gateway connections
# cut with ss -K; an operator's pause and resume). Every drill check is judged per round, plus recovery.
# The rounds, faults and checks are C# (tests/Coordinator.IntegrationTests/Processes/Chaos); this
# script only builds and runs the test assembly's entry point.
#
#   bash infra/chaos.sh [--rounds N] [--seed S] [--first-round K] [--keep-logs DIR] [--no-build]
#
# Each round prints its seed, waves, injection and faults, so a failure replays with the same
# --seed. The last line is the summary: rounds, faults injected, violations, time to recover.
# Azurite: started here with node on free ports (never 10000-10002) and stopped however the run
# ends; installed by `bash infra/azurite.sh install` when missing (or set COORDINATOR_AZURITE_JS).
# Exit 0 only with no violation; 2 on a bad argument.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=infra/drill-build.sh
source "$ROOT/infra/drill-build.sh"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

build_drill chaos "$build"

if [[ -z ${COORDINATOR_AZURITE_JS:-} && ! -f $ROOT/infra/.azurite/node_modules/azurite/dist/src/azurite.js ]]; then
  bash "$ROOT/infra/azurite.sh" install </dev/null
fi

# exec: the entry point owns its Azurite and stops it on every way out (the test assembly's
# process tree is killed with it on an interrupt).
exec dotnet "$DRILL" chaos "${args[@]}" </dev/null
