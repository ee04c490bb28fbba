#!/usr/bin/env bash
# Throughput benchmark (not a test): starts its own in-memory Azurite on free ports, builds Release,
# and measures Azurite's raw ceiling for the rows event ingestion writes against end-to-end ingestion
# by the real app (a separate process in standalone mode), batched and one event per message.
# Usage: scripts/benchmark.sh [--events N (100000)] [--single-events M (2000)] [--events-per-message K (100)]
#          [--organizations O (250)] [--batch-size B (32)] [--new-batch-threshold T] [--raw-parallelism 8,16,32,48]
# Azurite is stopped on exit, also when the benchmark fails. The app's and Azurite's logs go to
# artifacts/benchmark/.
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
cd "$repo_root"

install_node_tools
mkdir -p artifacts/benchmark
# Keep Azurite's request log next to the app's logs: it shows where the requests went.
keep_log_and_stop_azurite() {
  [ -n "${AZURITE_LOG:-}" ] && [ -f "$AZURITE_LOG" ] && cp "$AZURITE_LOG" artifacts/benchmark/azurite.log
  stop_azurite
}
trap keep_log_and_stop_azurite EXIT
unset AZURITE_LOCATION
start_azurite
echo "==> Azurite $(node -p 'require("./node_modules/azurite/package.json").version'), Node.js $(node --version)"

echo "==> Building Release"
dotnet build benchmarks/Onboarding.Benchmarks --nologo -v quiet -c Release

echo "==> Benchmark"
dotnet benchmarks/Onboarding.Benchmarks/bin/Release/net10.0/Onboarding.Benchmarks.dll \
  --storage "$AZURITE_CONNECTION_STRING" \
  --app src/Onboarding.Functions/bin/Release/net10.0/Onboarding.Functions.dll \
  --log-dir artifacts/benchmark "$@"
