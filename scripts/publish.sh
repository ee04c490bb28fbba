#!/usr/bin/env bash
# Publishes the function app as Azure Functions runs it on Flex Consumption (dotnet-isolated 10.0, ReadyToRun for linux-x64):
# the framework-dependent worker with host.json, worker.config.json and functions.metadata beside it.
# Usage: scripts/publish.sh [output folder]   (default: artifacts/publish)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/publish}
rm -rf "$out"
echo "==> Publishing src/Onboarding.Functions to $out"
# The Worker SDK's inner extensions project warns NU1603 and does not read Directory.Build.props.
dotnet publish src/Onboarding.Functions/Onboarding.Functions.csproj --nologo -v quiet -c Release -o "$out" -p:WarningsNotAsErrors=NU1603
count=$(node -e "console.log(JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).length)" "$out/functions.metadata")
echo "==> Published $count functions to $out (see functions.metadata)"
