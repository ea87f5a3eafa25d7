#!/usr/bin/env bash
# A campaign over a real multi-process cluster, with the cutover grain's host killed mid-hold.
#
#   bash infra/multiprocess-run.sh [--inject REGION:METRIC=VALUE] [--keep-logs DIR] [--no-build]
#                                  [--silo-dll PATH] [--console-dll PATH] [--connection-string CS]
#                                  [--settle-seconds N]
#
# Starts 3 silo processes in azure mode on 127.0.0.1 (free ports, a fresh ClusterId/ServiceId), registers
# Blue and Green in 4 regions from the console, runs the simulated fleet (`coordinator fleet`: traffic and
# telemetry, smoke reports, a fenced writer and consumer per region) and starts the campaign
# infra/campaigns/multiprocess.json. It asks the cluster which silo hosts the CutoverGrain
# (`campaign host`) and SIGKILLs that process as soon as the fleet reports wave 1 holding; the two
# survivors must finish the campaign. Then it checks, printing one PASS/FAIL line each:
#   - the campaign completed (with --inject: rolled back, the injected metric named in the reason);
#   - the kill fell inside wave 1's hold (the step's own timestamps), and a survivor hosts the grain now;
#   - every region flipped exactly once to Green (rolled back: flipped regions flipped back once),
#     as its audit chain records, and `audit --verify` passes for every region;
#   - the fleet exited 0 (6 when rolled back) and saw no lease token and no consumer offset going
#     backwards, no lower-epoch read, no write accepted while frozen, no zombie commit accepted, and
#     the same flips and epochs per region as the audit chains.
# Exit 0 only if every check passed. Everything it started (silos, fleet, consoles, and Azurite if it
# started one) is stopped on exit, success or failure; on failure the silo logs' tails are printed
# and the logs kept.
#
# Storage: --connection-string, else $COORDINATOR_TEST_AZURE_STORAGE (set by infra/run-tests.sh), else an
# Azurite already listening on 127.0.0.1:10000-10002, else one started here with infra/azurite.sh.
# Build: `dotnet build -c Release Coordinator.sln` first unless --no-build; --silo-dll/--console-dll
# point at other builds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly SPEC="$ROOT/infra/campaigns/multiprocess.json"
readonly SERVICE=rag-api
readonly REGIONS=(eu-west us-east us-west ap-south)
readonly WRITER=indexer
readonly CONSUMER_GROUP=webhooks
readonly SILO_COUNT=3
readonly READY_DEADLINE=120
readonly HOLD_DEADLINE=90
readonly STOP_DEADLINE=15

inject=""
keep_logs=""
build=1
silo_dll="$ROOT/silo/Coordinator.Silo/bin/Release/net10.0/Coordinator.Silo.dll"
console_dll="$ROOT/client/Coordinator.Console/bin/Release/net10.0/Coordinator.Console.dll"
connection="${COORDINATOR_TEST_AZURE_STORAGE:-}"
settle_seconds=120

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while (($# > 0)); do
  case "$1" in
    --inject) inject="${2:?--inject needs REGION:METRIC=VALUE}"; shift 2 ;;
    --keep-logs) keep_logs="${2:?--keep-logs needs a directory}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --silo-dll) silo_dll="${2:?--silo-dll needs a path}"; shift 2 ;;
    --console-dll) console_dll="${2:?--console-dll needs a path}"; shift 2 ;;
    --connection-string) connection="${2:?--connection-string needs a value}"; shift 2 ;;
    --settle-seconds) settle_seconds="${2:?--settle-seconds needs a number}"; shift 2 ;;
    -h | --help) usage ;;
    *) echo "multiprocess-run: unknown argument '$1'" >&2; usage ;;
  esac
done

if [[ -n $inject && ! $inject =~ ^[a-z0-9-]+:[a-z_0-9]+=[0-9.]+$ ]]; then
  echo "multiprocess-run: --inject '$inject' is not REGION:METRIC=VALUE (e.g. ap-south:coverage=0.55)" >&2
  exit 2
fi
[[ $settle_seconds =~ ^[0-9]+$ ]] || { echo "multiprocess-run: --settle-seconds must be a whole number" >&2; exit 2; }

readonly DOTNET="${DOTNET_HOST_PATH:-dotnet}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

started_at=$SECONDS
say() { printf 'multiprocess-run [%3ds]: %s\n' "$((SECONDS - started_at))" "$*"; }

# ---- everything started here, stopped on exit --------------------------------------------------------

logs=""
declare -a silo_pids=() silo_ports=() gateway_ports=() http_ports=()
fleet_pid=""
azurite_started=0
failures=0
passes=0
finished=0

# SIGTERM to every PID given, then SIGKILL to whatever still runs after STOP_DEADLINE; all at once, so
# silos leave the cluster in parallel.
stop_pids() {
  local pid deadline alive
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + STOP_DEADLINE))
  while :; do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive && SECONDS < deadline)) || break
    sleep 0.1
  done
  for pid in "$@"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

print_tails() {
  local f
  for f in "$logs"/silo-*.log "$logs"/fleet.err; do
    [[ -f $f ]] || continue
    echo "----- last 40 lines of $f -----"
    tail -n 40 "$f"
  done
  echo "----- logs kept in $logs -----"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM ERR
  set +e
  # The fleet, the silos and any console still running in the background (all started here).
  local pids=() pid
  [[ -z $fleet_pid ]] || pids+=("$fleet_pid")
  for pid in "${silo_pids[@]}" $(jobs -p); do
    [[ -z $pid ]] || pids+=("$pid")
  done
  ((${#pids[@]} == 0)) || stop_pids "${pids[@]}"

  if ((azurite_started)); then
    bash "$ROOT/infra/azurite.sh" stop >/dev/null 2>&1 || echo "multiprocess-run: stopping Azurite failed" >&2
  fi

  if ((rc != 0 || failures > 0 || !finished)); then
    [[ -z $logs || ! -d $logs ]] || print_tails
    say "FAIL: $passes passed, $((failures > 0 ? failures : 1)) failed"
    ((rc != 0)) || rc=1
  else
    say "PASS: all $passes checks passed"
    if [[ -z $keep_logs && -n $logs ]]; then rm -rf -- "$logs"; fi
  fi

  exit "$rc"
}

trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

die() { say "FAIL: $*"; failures=$((failures + 1)); exit 1; }
# set -e ends the run on any unexpected failure; say where, so the FAIL line is never bare.
trap 'say "FAIL: line $LINENO: \"$BASH_COMMAND\" failed"' ERR
pass() { passes=$((passes + 1)); say "PASS: $*"; }
fail() { failures=$((failures + 1)); say "FAIL: $*"; }

if [[ -n $keep_logs ]]; then
  mkdir -p "$keep_logs"
  logs="$(cd "$keep_logs" && pwd)"
else
  logs="$(mktemp -d "${TMPDIR:-/tmp}/coordinator-multiprocess.XXXXXX")"
fi

command -v node >/dev/null 2>&1 || die "node is not on PATH (needed to read JSON and probe ports)"

# ---- small helpers ---------------------------------------------------------------------------------

# js EXPRESSION FILE: evaluates EXPRESSION with `d` bound to FILE's JSON; prints strings bare, others as JSON.
js() {
  node -e '
    const fs = require("fs");
    const d = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const v = new Function("d", "return (" + process.argv[1] + ");")(d);
    process.stdout.write(v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));
  ' "$1" "$2"
}

# Free loopback ports the OS just handed out (released again before use, as FreePorts.cs does).
free_ports() {
  node -e '
    const net = require("net"); const n = +process.argv[1]; const servers = [];
    const next = () => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { servers.push(s);
      if (servers.length < n) return next();
      console.log(servers.map(x => x.address().port).join(" ")); servers.forEach(x => x.close()); }); };
    next();
  ' "$1"
}

# HTTP status of a GET, or 000 when nothing answers.
http_status() {
  node -e '
    const req = require("http").get(process.argv[1], { timeout: 2000 }, r => { console.log(r.statusCode); r.resume(); });
    req.on("timeout", () => { req.destroy(); }); req.on("error", () => console.log("000"));
  ' "$1"
}

# Echoes the fleet's progress lines (standard error of `fleet --json`) not shown yet.
fleet_shown=0
show_fleet() {
  local total
  total=$(wc -l <"$logs/fleet.err")
  if ((total > fleet_shown)); then
    sed -n "$((fleet_shown + 1)),${total}p" "$logs/fleet.err" | sed 's/^/  fleet | /'
    fleet_shown=$total
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# False when the storage is the local emulator and it does not listen: a shared Azurite that someone
# stopped is then named as such, not reported as silos that never got ready.
storage_up() {
  [[ $connection != "UseDevelopmentStorage=true" ]] || { port_open 10000 && port_open 10001 && port_open 10002; }
}

random_id() { od -An -N6 -tx1 /dev/urandom | tr -d ' \n'; }

# coord NAME ARGS...: runs the console against this run's cluster; stdout in $logs/NAME.out, stderr in .err.
coord() {
  local name=$1
  shift
  "$DOTNET" "$console_dll" "$@" >"$logs/$name.out" 2>"$logs/$name.err" </dev/null
}

# ---- build, storage, ids ---------------------------------------------------------------------------

if ((build)); then
  say "building Coordinator.sln (Release)"
  dotnet build "$ROOT/Coordinator.sln" -c Release -nologo -nodeReuse:false >"$logs/build.log" 2>&1 \
    || { tail -n 30 "$logs/build.log"; die "the build failed (log: $logs/build.log)"; }
fi
[[ -f $silo_dll ]] || die "$silo_dll is not built; build Coordinator.sln -c Release or drop --no-build"
[[ -f $console_dll ]] || die "$console_dll is not built; build Coordinator.sln -c Release or drop --no-build"

if [[ -n $connection ]]; then
  say "storage: the given connection string"
elif port_open 10000 && port_open 10001 && port_open 10002; then
  connection="UseDevelopmentStorage=true"
  say "storage: the Azurite already listening on 127.0.0.1:10000-10002 (left running)"
else
  say "storage: starting Azurite with infra/azurite.sh"
  bash "$ROOT/infra/azurite.sh" install </dev/null || die "could not install Azurite"
  azurite_started=1
  bash "$ROOT/infra/azurite.sh" start </dev/null || { azurite_started=0; die "could not start Azurite"; }
  connection="UseDevelopmentStorage=true"
fi

storage_up || die "nothing listens on 127.0.0.1:10000-10002 for UseDevelopmentStorage=true; start Azurite (bash infra/azurite.sh install && bash infra/azurite.sh start) or leave COORDINATOR_TEST_AZURE_STORAGE unset so this script starts one"

# Fresh ids: this run's membership rows, reminders, queues and blob container are its own.
run_id="$(random_id)"
readonly CLUSTER_ID="mp-$run_id" SERVICE_ID="mp-$run_id"
campaign_id="$(js 'd.campaign_id' "$SPEC")"

# The silos and every console command read these; the connection string stays off command lines.
while IFS='=' read -r name _; do unset "$name"; done < <(env | grep -i '^Coordinator__' || true)
export Coordinator__StorageMode=azure Coordinator__ClusterId="$CLUSTER_ID" Coordinator__ServiceId="$SERVICE_ID"
export Coordinator__AzureStorageConnectionString="$connection"
say "cluster id $CLUSTER_ID, service $SERVICE, campaign $campaign_id; logs in $logs"

# ---- three silo processes --------------------------------------------------------------------------

read -r -a ports <<<"$(free_ports $((SILO_COUNT * 3)))"
for ((i = 0; i < SILO_COUNT; i++)); do
  silo_ports[i]=${ports[i * 3]}
  gateway_ports[i]=${ports[i * 3 + 1]}
  http_ports[i]=${ports[i * 3 + 2]}
  # From its own folder so it finds appsettings.json; exec so the PID is the silo itself.
  (cd "$(dirname "$silo_dll")" && exec "$DOTNET" "$silo_dll" \
    --Coordinator:AdvertisedIPAddress 127.0.0.1 \
    --Coordinator:SiloPort "${silo_ports[i]}" \
    --Coordinator:GatewayPort "${gateway_ports[i]}" \
    --Coordinator:HttpPort "${http_ports[i]}") </dev/null >"$logs/silo-$i.log" 2>&1 &
  silo_pids[i]=$!
  say "silo-$i: pid ${silo_pids[i]}, silo port ${silo_ports[i]}, gateway ${gateway_ports[i]}, http ${http_ports[i]}"
done

deadline=$((SECONDS + READY_DEADLINE))
for ((i = 0; i < SILO_COUNT; i++)); do
  until [[ "$(http_status "http://127.0.0.1:${http_ports[i]}/healthz/ready")" == 200 ]]; do
    storage_up || die "Azurite stopped answering on 127.0.0.1:10000-10002 while the silos started"
    kill -0 "${silo_pids[i]}" 2>/dev/null || die "silo-$i exited before it was ready (log: $logs/silo-$i.log)"
    ((SECONDS < deadline)) || die "silo-$i did not answer 200 on /healthz/ready within ${READY_DEADLINE}s"
    sleep 0.25
  done
done
say "all $SILO_COUNT silos ready (active members, storage answers)"

# ---- Blue and Green in every region, then the fleet ----------------------------------------------

register_region() {
  local region=$1 arm
  for arm in blue green; do
    coord "register-$region-$arm" arms register "$SERVICE" "$region" "$arm" "$ROOT/infra/examples/$arm.json" --operator multiprocess-run \
      || { echo "registering $arm in $region failed:"; cat "$logs/register-$region-$arm.err"; return 1; }
  done
}

# Regions in parallel: each console process spends about as long connecting as working.
register_pids=()
for region in "${REGIONS[@]}"; do
  register_region "$region" &
  register_pids+=($!)
done
for pid in "${register_pids[@]}"; do wait "$pid" || die "registering the arms failed (output above)"; done
say "registered Blue and Green in ${REGIONS[*]}"

# After the arms, not alongside: the fleet gives up on arms not registered within a minute, and on a
# busy machine eight console commands can take half of that.
regions_csv="$(IFS=,; echo "${REGIONS[*]}")"
fleet_args=(fleet --service "$SERVICE" --regions "$regions_csv" --campaign "$campaign_id"
  --writer "$WRITER" --consumer-group "$CONSUMER_GROUP" --json --timeout $((settle_seconds + HOLD_DEADLINE)))
[[ -z $inject ]] || fleet_args+=(--inject "$inject")
"$DOTNET" "$console_dll" "${fleet_args[@]}" </dev/null >"$logs/fleet.json" 2>"$logs/fleet.err" &
fleet_pid=$!
say "fleet: pid $fleet_pid${inject:+, injecting $inject}"

# The campaign starts once the fleet says it is ready: its Freeze pauses consumer groups the fleet
# configures, and the hold compares Green with the Blue traffic served before the flip.
deadline=$((SECONDS + READY_DEADLINE))
until grep -q "fleet ready:" "$logs/fleet.err" 2>/dev/null; do
  kill -0 "$fleet_pid" 2>/dev/null || { cat "$logs/fleet.err"; die "the fleet exited before it was ready"; }
  ((SECONDS < deadline)) || die "the fleet was not ready within ${READY_DEADLINE}s (log: $logs/fleet.err)"
  sleep 0.25
done
say "fleet ready (every region has served a Blue baseline)"

# ---- find the cutover grain's host, start the campaign, SIGKILL the host during wave 1's hold -------

# The fleet polls the campaign's status while it waits, which activates the cutover grain: ask where
# now, before the campaign starts, so no console start-up delay stands between seeing the hold and the
# kill. Grains do not move while every silo lives; the checks after the kill (a survivor other than
# this one hosts it, the kill fell inside the hold) catch a stale answer.
find_host() {
  local deadline=$((SECONDS + HOLD_DEADLINE)) port=""
  until [[ -n $port ]]; do
    if coord host campaign host "$SERVICE" --json; then
      port="$(js 'd.silo_port' "$logs/host.out")"
    fi
    ((SECONDS < deadline)) || { echo "campaign host named no silo within ${HOLD_DEADLINE}s: $(cat "$logs/host.out" "$logs/host.err")"; return 1; }
  done
}
# In the background, alongside the campaign start: each console command takes seconds on a busy machine.
find_host &
host_pid=$!

coord start campaign start "$SPEC" --json || { cat "$logs/start.err"; die "campaign start failed"; }
[[ "$(js 'd.state' "$logs/start.out")" == running ]] || die "campaign start: state is not running: $(cat "$logs/start.out")"
say "campaign $campaign_id started"

wait "$host_pid" || die "could not find the cutover grain's host (message above)"
host_port="$(js 'd.silo_port' "$logs/host.out")"
victim=""
for ((i = 0; i < SILO_COUNT; i++)); do
  [[ ${silo_ports[i]} != "$host_port" ]] || victim=$i
done
[[ -n $victim ]] || die "campaign host named silo port '${host_port}', which is none of ours (${silo_ports[*]})"
say "the cutover grain of $SERVICE is on silo-$victim (silo port $host_port)"

# The fleet logs a line per region change 4 times a second ("eu-west (wave 1): in-progress, step
# hold-and-watch, ..."); a console command per poll could take longer than the hold on a busy machine.
first_region=${REGIONS[0]}
deadline=$((SECONDS + HOLD_DEADLINE))
until grep -q "$first_region (wave 1): in-progress, step hold-and-watch" "$logs/fleet.err"; do
  show_fleet
  storage_up || die "Azurite stopped answering on 127.0.0.1:10000-10002 before $first_region held"
  kill -0 "$fleet_pid" 2>/dev/null || { cat "$logs/fleet.err"; die "the fleet exited before wave 1 held"; }
  if grep -qE "rolling-back|rolled-back|waiting-for-approval" "$logs/fleet.err"; then
    tail -n 5 "$logs/fleet.err"
    die "the campaign stopped before $first_region held (fleet log above)"
  fi
  ((SECONDS < deadline)) || die "no '$first_region (wave 1): in-progress, step hold-and-watch' line from the fleet within ${HOLD_DEADLINE}s (fleet log: $logs/fleet.err)"
  sleep 0.1
done

killed_at="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
kill -KILL "${silo_pids[victim]}"
wait "${silo_pids[victim]}" 2>/dev/null || true
killed_pid=${silo_pids[victim]}
silo_pids[victim]=""
say "SIGKILLed silo-$victim (pid $killed_pid, silo port $host_port), the cutover grain's host, while $first_region held"

# ---- wait for the campaign to settle on the survivors ------------------------------------------------

# The fleet follows the campaign (4 polls a second, over the connection it already has) and exits
# once it settled, so no console process competes with the survivors meanwhile. One status read
# afterwards is the record the checks use.
deadline=$((SECONDS + settle_seconds))
while kill -0 "$fleet_pid" 2>/dev/null; do
  show_fleet
  storage_up || die "Azurite stopped answering on 127.0.0.1:10000-10002 while the campaign ran"
  ((SECONDS < deadline)) || die "the campaign did not settle within ${settle_seconds}s after the kill (the fleet still follows it)"
  sleep 0.25
done
show_fleet
fleet_rc=0
wait "$fleet_pid" || fleet_rc=$?
fleet_pid=""

deadline=$((SECONDS + READY_DEADLINE))
until coord final campaign status "$SERVICE" "$campaign_id" --json; do
  ((SECONDS < deadline)) || die "campaign status failed for ${READY_DEADLINE}s: $(cat "$logs/final.err")"
  sleep 0.5
done
state="$(js 'd.state' "$logs/final.out")"
case $state in
  completed | rolled_back) say "campaign settled $state: $(js 'd.regions.map(r => r.region + " " + r.outcome).join(", ")' "$logs/final.out")" ;;
  *) die "campaign is $state after the fleet stopped (fleet exit $fleet_rc): $(js 'd.reason' "$logs/final.out")" ;;
esac

# ---- checks ----------------------------------------------------------------------------------------

if [[ -z $inject ]]; then
  if [[ $state == completed ]]; then pass "campaign completed"; else fail "campaign $state, expected completed: $(js 'd.reason' "$logs/final.out")"; fi
else
  metric="${inject#*:}"
  metric="${metric%%=*}"
  # The gates name what they measure: coverage -> coverage_mean, delta_s -> delta_s_p95,
  # http_5xx_rate -> http_5xx_rate, tool_loop_rate -> tool_loop_signals, latency_factor -> latency_p95_ms.
  named="${metric%_rate}"
  named="${named%_factor}"
  reason="$(js 'd.reason' "$logs/final.out")"
  if [[ $state == rolled_back && ${reason,,} == *"$named"* ]]; then
    pass "campaign rolled back naming the injected metric ($metric): $reason"
  else
    fail "campaign $state, expected rolled_back with $metric in the reason: $reason"
  fi
fi

# The kill landed during wave 1's hold: the hold step spans the kill time.
held="$(js "(d.regions.find(r => r.region === '$first_region').steps.find(s => s.step === 'hold_and_watch') || {})" "$logs/final.out")"
if [[ -n $held ]] && node -e '
    const s = JSON.parse(process.argv[1]); const k = Date.parse(process.argv[2]);
    process.exit(Date.parse(s.started_at) <= k && (!s.finished_at || k <= Date.parse(s.finished_at)) ? 0 : 1);
  ' "$held" "$killed_at"; then
  pass "silo-$victim (the cutover grain's host) was killed at $killed_at, during $first_region's hold ($held)"
else
  fail "the kill at $killed_at did not fall inside $first_region's hold_and_watch step (${held:-no such step})"
fi

# The audits and the host question are independent: ask them all at once.
coord host-after campaign host "$SERVICE" --json &
host_after_pid=$!
audit_pids=()
declare -A audit_flips=()
for region in "${REGIONS[@]}"; do
  coord "audit-$region" audit "$SERVICE" "$region" --verify --json &
  audit_pids+=($!)
done

if wait "$host_after_pid"; then
  after_port="$(js 'd.silo_port' "$logs/host-after.out")"
  if [[ -n $after_port && $after_port != "$host_port" && " ${silo_ports[*]} " == *" $after_port "* ]]; then
    pass "a surviving silo (port $after_port) hosts the cutover grain now"
  else
    fail "after the kill the cutover grain is hosted on '${after_port:-nothing}', expected a survivor other than $host_port"
  fi
else
  fail "campaign host failed after the kill: $(cat "$logs/host-after.err")"
fi

for i in "${!REGIONS[@]}"; do
  region=${REGIONS[i]}
  flipped="$(js "d.regions.find(r => r.region === '$region').flipped_epoch" "$logs/final.out")"
  if ! wait "${audit_pids[i]}"; then
    fail "$region: audit --verify failed: $(cat "$logs/audit-$region.err")"
    continue
  fi

  if [[ "$(js 'd.verification.is_valid' "$logs/audit-$region.out")" == true ]]; then
    pass "$region: audit chain verifies ($(js 'd.verification.entry_count' "$logs/audit-$region.out") entries)"
  else
    fail "$region: audit chain does not verify: $(js 'd.verification.problems' "$logs/audit-$region.out")"
  fi

  # Flips as the audit chain recorded them, e.g. "green" or "green,blue".
  flips="$(js 'd.entries.filter(e => e.command === "flip").map(e => /^to=([a-z]+)/.exec(e.detail)[1]).join(",")' "$logs/audit-$region.out")"
  audit_flips[$region]="$(js 'd.entries.filter(e => e.command === "flip").length' "$logs/audit-$region.out")"
  if [[ $state == completed ]]; then
    expected=green
  elif [[ -n $flipped ]]; then
    expected=green,blue
  else
    expected=""
  fi

  if [[ $flips == "$expected" ]]; then
    pass "$region: flips ${expected:-none} ($([[ -n $expected ]] && echo "each exactly once" || echo "never flipped"))"
  else
    fail "$region: flips '${flips:-none}', expected '${expected:-none}' (campaign $state, flipped epoch ${flipped:-none})"
  fi
done

# ---- the fleet's view --------------------------------------------------------------------------------

expected_rc=0
[[ $state == completed ]] || expected_rc=6
if ((fleet_rc == expected_rc)); then
  pass "fleet exited $fleet_rc (campaign $state)"
else
  fail "fleet exited $fleet_rc, expected $expected_rc (campaign $state); stderr: $(tail -n 5 "$logs/fleet.err")"
fi

if [[ -s $logs/fleet.json ]] && node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$logs/fleet.json" 2>/dev/null; then
  check_fleet() {
    local what=$1 expression=$2 value
    value="$(js "$expression" "$logs/fleet.json")"
    if [[ $value == 0 ]]; then pass "fleet: $what: 0"; else fail "fleet: $what: ${value:-missing from the summary}"; fi
  }
  check_fleet "lease tokens going backwards" 'd.writes.token_regressions'
  check_fleet "consumer offsets going backwards" 'd.commits.offset_regressions'
  check_fleet "lower-epoch reads" 'd.requests.lower_epoch_reads'
  check_fleet "writes accepted while frozen" 'd.writes.accepted_while_frozen'
  check_fleet "zombie consumer commits accepted" 'd.commits.zombie_accepted'

  # The fleet reads each region's pointer after it stopped: every flip bumped the epoch once.
  for region in "${REGIONS[@]}"; do
    seen_by_fleet="$(js "(r => r && r.flips + ' flips, epoch ' + r.epoch)(d.regions.find(r => r.region === '$region'))" "$logs/fleet.json")"
    if [[ $seen_by_fleet == "${audit_flips[$region]:-?} flips, epoch ${audit_flips[$region]:-?}" ]]; then
      pass "fleet: $region: $seen_by_fleet, as the audit chain says"
    else
      fail "fleet: $region: ${seen_by_fleet:-missing}; the audit chain has ${audit_flips[$region]:-?} flips"
    fi
  done
else
  fail "the fleet printed no JSON summary; stderr: $(tail -n 5 "$logs/fleet.err")"
fi

finished=1
((failures == 0)) || exit 1
