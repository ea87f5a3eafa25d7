#!/usr/bin/env bash
# Runs every test of the solution against a fresh local Azurite: the one command for a developer
# and for CI, on a machine that has only the .NET 10 SDK and Node.js/npm.
#
#   bash infra/run-tests.sh
#
# Installs Debian's chromium for the browser tests (tests/Coordinator.UiTests) when it is missing and
# the run is root (otherwise says how and fails), installs Azurite into infra/.azurite when missing,
# starts it on an empty temporary data folder, builds Coordinator.sln once (Release), runs
# `dotnet test` for every test project in it with
# COORDINATOR_TEST_AZURE_STORAGE=UseDevelopmentStorage=true, and stops Azurite however the run ends.
# Everything printed is also kept in TestResults/run-tests/ (run-tests.log and one .trx per test
# project). The last line is always "N passed, N failed", summed over all test projects; a failed
# build, a crashed or hung test host, or a run in which no test ran at all counts as a failure.
# Exits 0 only when nothing failed.
set -uo pipefail
# Job control: each step below runs in its own process group, so an interrupt can stop a step
# together with everything it started (test hosts, silo processes).
set -m

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly SOLUTION="$ROOT/Coordinator.sln"
readonly CONFIGURATION=Release
readonly RESULTS="$ROOT/TestResults/run-tests"
readonly LOG="$RESULTS/run-tests.log"
readonly AZURITE="$ROOT/infra/azurite.sh"
# The browser the UI tests drive (Playwright with ExecutablePath); the same variable reaches the tests.
readonly CHROMIUM="${COORDINATOR_CHROMIUM:-/usr/bin/chromium}"
# A test host that makes no progress for this long is killed and counted as failed.
readonly HANG_TIMEOUT=15m

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en
# No build servers: nothing may outlive the run (or keep the log pipe open after the build).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
export COORDINATOR_TEST_AZURE_STORAGE="UseDevelopmentStorage=true"

passed=0
failed=0
skipped=0
child=""
azurite_started=0

say() { echo "run-tests: $*" | tee -a "$LOG"; }

# Runs one step with no stdin, its output shown and appended to the log; returns its exit code.
step() {
  ( "$@" </dev/null 2>&1 | tee -a "$LOG"; exit "${PIPESTATUS[0]}" ) &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

on_signal() {
  trap - INT TERM
  echo "run-tests: interrupted by SIG$1; stopping" >&2
  if [[ -n $child ]]; then
    kill -TERM -- "-$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  ((failed > 0)) || failed=1
  exit "$2"
}

finish() {
  local rc=$?
  if ((azurite_started)); then
    bash "$AZURITE" stop </dev/null >>"$LOG" 2>&1 || echo "run-tests: stopping Azurite failed; see $LOG" >&2
  fi

  ((rc == 0 || failed > 0)) || failed=1
  ((skipped == 0)) || echo "($skipped skipped)"
  echo "$passed passed, $failed failed" | tee -a "$LOG"
  ((failed == 0)) || exit 1
  exit 0
}

# Sums the "Passed!/Failed!/Skipped!  - Failed: N, Passed: N, Skipped: N, ..." line that
# `dotnet test` prints once per test assembly that ran to the end.
count_results() {
  local line
  while IFS= read -r line; do
    if [[ $line =~ (Passed|Failed|Skipped)!\ +-\ +Failed:\ +([0-9]+),\ +Passed:\ +([0-9]+),\ +Skipped:\ +([0-9]+) ]]; then
      failed=$((failed + BASH_REMATCH[2]))
      passed=$((passed + BASH_REMATCH[3]))
      skipped=$((skipped + BASH_REMATCH[4]))
    fi
  done <"$1"
}

trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
trap finish EXIT

cd "$ROOT"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
started_at=$SECONDS

if [[ ! -x $CHROMIUM ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing chromium for the browser tests (apt-get; about a minute)"
    if ! step env DEBIAN_FRONTEND=noninteractive bash -c 'apt-get update -q && apt-get install -y -q chromium'; then
      say "could not install chromium (apt-get failed; message above)"
      exit 1
    fi
  else
    say "the browser tests need chromium at $CHROMIUM: install it (sudo apt-get install -y chromium) or set COORDINATOR_CHROMIUM to a Chromium binary, then run this again"
    exit 1
  fi
fi

if ! step bash "$AZURITE" install; then
  say "could not install Azurite (needs node and npm on PATH and access to the npm registry)"
  exit 1
fi

data_dir="$(mktemp -d "${TMPDIR:-/tmp}/coordinator-azurite.XXXXXX")"
azurite_started=1 # from here on, stop it (and delete $data_dir) however the run ends
start_rc=0
step bash "$AZURITE" start "$data_dir" || start_rc=$?
if ((start_rc == 3)); then
  # Someone else's Azurite (or another program) holds the ports: leave it alone.
  azurite_started=0
  rmdir "$data_dir" 2>/dev/null
  say "could not start Azurite: ports 10000-10002 are taken (message above)"
  exit 1
elif ((start_rc != 0)); then
  say "could not start Azurite"
  exit 1
fi

say "building $(basename "$SOLUTION") ($CONFIGURATION)"
if ! step dotnet build "$SOLUTION" -c "$CONFIGURATION" -nologo -nodeReuse:false; then
  say "the build failed; no test ran"
  exit 1
fi

say "testing (Azure storage: $COORDINATOR_TEST_AZURE_STORAGE)"
test_output="$RESULTS/dotnet-test.log"
test_rc=0
step bash -c 'dotnet test "$1" -c "$2" --no-build --results-directory "$3" --logger trx \
    --blame-hang-timeout "$4" --blame-hang-dump-type none 2>&1 | tee "$5"; exit "${PIPESTATUS[0]}"' \
  test "$SOLUTION" "$CONFIGURATION" "$RESULTS" "$HANG_TIMEOUT" "$test_output" || test_rc=$?
count_results "$test_output"

if ((test_rc != 0 && failed == 0)); then
  say "dotnet test exited with $test_rc but reported no failed test: a test host crashed, hung or did not start"
  failed=1
elif ((passed + failed == 0)); then
  say "no test ran: does $(basename "$SOLUTION") contain the test projects?"
  failed=1
fi

say "finished in $((SECONDS - started_at)) s"
