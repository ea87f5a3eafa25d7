# Sourced by the scripts that run the test assembly's drill entry point (multiprocess-run.sh, chaos.sh):
# where that assembly is, and building it once (Release) unless the caller was given --no-build.
# Expects ROOT; defines DRILL and build_drill NAME BUILD (BUILD 1 builds, 0 only checks it is there).

readonly DRILL="$ROOT/tests/Coordinator.IntegrationTests/bin/Release/net10.0/Coordinator.IntegrationTests.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

build_drill() {
  local name=$1 build=$2
  if ((build)); then
    echo "$name: building Coordinator.sln (Release)"
    dotnet build "$ROOT/Coordinator.sln" -c Release -nologo -nodeReuse:false -v quiet \
      || { echo "$name: the build failed" >&2; exit 1; }
  fi
  [[ -f $DRILL ]] || { echo "$name: $DRILL is not built; build Coordinator.sln -c Release or drop --no-build" >&2; exit 1; }
}
