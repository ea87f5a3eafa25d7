#!/usr/bin/env bash
# Azurite (the local Azure Storage emulator) for the integration tests.
#
#   infra/azurite.sh install        npm-install azurite@AZURITE_VERSION into infra/.azurite (once)
#   infra/azurite.sh start [DIR]    start it on 127.0.0.1:10000-10002 with its data in DIR
#                                   (a fresh temporary folder when DIR is omitted)
#   infra/azurite.sh stop           stop the Azurite this script started and delete its data folder
#
# Connection string: UseDevelopmentStorage=true
# Exit codes: 0 done, 1 failed, 2 usage, 3 start refused because Azurite (or something else)
# already holds the ports; nothing was started or changed then.
set -euo pipefail

readonly AZURITE_VERSION=3.37.0
readonly PORTS=(10000 10001 10002)
readonly START_DEADLINE_SECONDS=30
readonly STOP_DEADLINE_SECONDS=15

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly INFRA_DIR
readonly AZURITE_HOME="${AZURITE_HOME:-$INFRA_DIR/.azurite}"
readonly AZURITE_JS="$AZURITE_HOME/node_modules/azurite/dist/src/azurite.js"
readonly RUN_DIR="$AZURITE_HOME/run"
readonly PID_FILE="$RUN_DIR/azurite.pid"
readonly LOCATION_FILE="$RUN_DIR/azurite.location"
readonly LOG_FILE="$RUN_DIR/azurite.log"
# Dropped into a data folder this script made or adopted; stop deletes only folders that carry it.
readonly MARKER=".coordinator-azurite"

say() { echo "azurite: $*"; }
die() { echo "azurite: error: $*" >&2; exit 1; }
busy() { echo "azurite: error: $*" >&2; exit 3; }

require() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not on PATH; install Node.js 20+ (with npm) first"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

installed_version() {
  local manifest="$AZURITE_HOME/node_modules/azurite/package.json"
  [[ -f $manifest ]] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest" 2>/dev/null || true
}

running_pid() {
  [[ -f $PID_FILE ]] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  fi
}

cmd_install() {
  require node
  require npm
  if [[ "$(installed_version)" == "$AZURITE_VERSION" && -f $AZURITE_JS ]]; then
    return 0
  fi

  say "installing azurite@$AZURITE_VERSION into $AZURITE_HOME (about a minute, once)"
  mkdir -p "$AZURITE_HOME"
  local log="$AZURITE_HOME/npm-install.log"
  if ! npm install --prefix "$AZURITE_HOME" --no-save --no-audit --no-fund --no-progress \
        --loglevel=error "azurite@$AZURITE_VERSION" </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    die "npm install azurite@$AZURITE_VERSION failed (log above, also in $log)"
  fi

  [[ "$(installed_version)" == "$AZURITE_VERSION" && -f $AZURITE_JS ]] \
    || die "npm install finished but $AZURITE_JS (version $AZURITE_VERSION) is missing"
}

cmd_start() {
  require node
  [[ -f $AZURITE_JS ]] || die "azurite is not installed; run: $0 install"

  local pid
  pid="$(running_pid)"
  [[ -z $pid ]] || busy "an Azurite started by this script is already running (pid $pid); run: $0 stop"

  local port
  for port in "${PORTS[@]}"; do
    if port_open "$port"; then
      busy "port $port on 127.0.0.1 is already taken by another process (another Azurite?); stop it first (see: ss -ltnp 'sport = :$port')"
    fi
  done

  local location="${1:-}"
  if [[ -z $location ]]; then
    location="$(mktemp -d "${TMPDIR:-/tmp}/coordinator-azurite.XXXXXX")"
  else
    mkdir -p "$location"
    if [[ -n "$(ls -A "$location")" ]]; then
      die "data folder $location is not empty; give a fresh folder so tests start from clean storage"
    fi
  fi
  location="$(cd "$location" && pwd)"
  touch "$location/$MARKER"

  mkdir -p "$RUN_DIR"
  # --disableTelemetry: without it Azurite ignores SIGTERM. --skipApiVersionCheck: newer Azure SDKs.
  node "$AZURITE_JS" --silent --disableTelemetry --location "$location" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --skipApiVersionCheck --loose </dev/null >"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$location" >"$LOCATION_FILE"

  local deadline=$((SECONDS + START_DEADLINE_SECONDS))
  local waiting
  while :; do
    waiting=()
    for port in "${PORTS[@]}"; do
      port_open "$port" || waiting+=("$port")
    done
    [[ ${#waiting[@]} -gt 0 ]] || break

    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$LOG_FILE" >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      die "azurite (pid $pid) exited during start-up; its output is above"
    fi

    if ((SECONDS >= deadline)); then
      cat "$LOG_FILE" >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      die "azurite did not listen on port(s) ${waiting[*]} within ${START_DEADLINE_SECONDS}s; its output is above"
    fi

    sleep 0.2
  done

  say "listening on 127.0.0.1:10000 (blob), 10001 (queue), 10002 (table); pid $pid; data in $location"
}

cmd_stop() {
  local pid
  pid="$(running_pid)"
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_DEADLINE_SECONDS))
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        say "pid $pid ignored SIGTERM for ${STOP_DEADLINE_SECONDS}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        deadline=$((SECONDS + STOP_DEADLINE_SECONDS))
      fi
      sleep 0.1
    done
    say "stopped (pid $pid)"
  fi
  rm -f "$PID_FILE"

  if [[ -f $LOCATION_FILE ]]; then
    local location
    location="$(cat "$LOCATION_FILE")"
    if [[ -n $location && -f "$location/$MARKER" ]]; then
      rm -rf -- "$location"
    fi
    rm -f "$LOCATION_FILE"
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 install | start [DATA_DIR] | stop" >&2
    exit 2
    ;;
esac
