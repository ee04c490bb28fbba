#!/usr/bin/env bash
# Throughput and start-up benchmark (not a test): starts its own in-memory Azurite on free ports,
# builds Release, and measures Azurite's raw ceiling for the rows event ingestion writes against
# end-to-end ingestion by the real app, batched and one event per message, and the app's start-up
# against an empty isolated-worker app. The apps run as they do locally: the isolated worker under
# the local Functions host (tools/Onboarding.LocalFunctionsHost), a separate process per start.
# Usage: scripts/benchmark.sh [--events N (100000)] [--single-events M (2000)] [--events-per-message K (98)]
#          [--organizations O (250)] [--batch-size B (host.json: 16)] [--new-batch-threshold T] [--raw-parallelism 8,16,32,48]
#          [--startup-runs S (9)] [--startup-only S]
# Azurite, the benchmark and every host and worker it started are stopped on exit, also when the
# benchmark fails or is interrupted. The hosts' and Azurite's logs go to artifacts/benchmark/.
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
cd "$repo_root"

out=artifacts/benchmark
app_dir=$out/app
empty_app_dir=$out/empty-app
host_dll=tools/Onboarding.LocalFunctionsHost/bin/Release/net10.0/Onboarding.LocalFunctionsHost.dll

install_node_tools
mkdir -p "$out"

# The benchmark runs in a process group of its own (setsid), and the local Functions hosts it starts
# and their workers stay in it: stopping the group stops them all, even if the benchmark died first.
BENCHMARK_PGID=
stop_benchmark() {
  [ -n "$BENCHMARK_PGID" ] || return 0
  if kill -0 -- "-$BENCHMARK_PGID" 2>/dev/null; then
    kill -TERM -- "-$BENCHMARK_PGID" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 -- "-$BENCHMARK_PGID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$BENCHMARK_PGID" 2>/dev/null || true
  fi
  BENCHMARK_PGID=
}
# Keep Azurite's request log next to the hosts' logs: it shows where the requests went.
stop_everything() {
  stop_benchmark
  [ -n "${AZURITE_LOG:-}" ] && [ -f "$AZURITE_LOG" ] && cp "$AZURITE_LOG" "$out/azurite.log"
  stop_azurite
}
trap stop_everything EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
unset AZURITE_LOCATION
start_azurite
echo "==> Azurite $(node -p 'require("./node_modules/azurite/package.json").version'), Node.js $(node --version)"

# No build servers: nothing the builds start outlives the script.
build=(--nologo -v q -c Release --disable-build-servers)
echo "==> Building Release: the benchmark (and with it the app), the local Functions host, the empty worker app"
dotnet build benchmarks/Onboarding.Benchmarks "${build[@]}"
dotnet build tools/Onboarding.LocalFunctionsHost "${build[@]}"
# The Worker SDK's inner extensions project warns NU1603 and does not read Directory.Build.props.
dotnet build tests/TestWorkerApp/TestWorkerApp.csproj "${build[@]}" -o "$empty_app_dir" -p:WarningsNotAsErrors=NU1603
echo "==> Publishing the app to $app_dir (ReadyToRun for linux-x64, as scripts/publish.sh and a deployment publish it)"
rm -rf "$app_dir"
dotnet publish src/Onboarding.Functions "${build[@]}" -o "$app_dir" -p:WarningsNotAsErrors=NU1603

echo "==> Benchmark"
setsid dotnet benchmarks/Onboarding.Benchmarks/bin/Release/net10.0/Onboarding.Benchmarks.dll \
  --storage "$AZURITE_CONNECTION_STRING" \
  --host "$host_dll" --app "$app_dir" --empty-app "$empty_app_dir" \
  --log-dir "$out" --azurite-pids "${AZURITE_PIDS[*]}" "$@" &
BENCHMARK_PGID=$!
status=0
wait "$BENCHMARK_PGID" || status=$?
exit "$status"
