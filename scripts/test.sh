#!/usr/bin/env bash
# Runs every test: installs Azurite (npm ci), starts it in memory on free ports, runs the .NET
# test projects against it (after publishing the app, whose folder a test checks), and stops
# Azurite afterwards, also when tests fail.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Wizard).
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
cd "$repo_root"

install_node_tools
trap stop_azurite EXIT
start_azurite

bash scripts/publish.sh --quick artifacts/test-publish
export ONBOARDING_PUBLISH_DIR="$repo_root/artifacts/test-publish"
export ONBOARDING_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
export ONBOARDING_TEST_FIGURES="$repo_root/artifacts/test-figures.txt"
: > "$ONBOARDING_TEST_FIGURES"
print_figures() { [ -s "$ONBOARDING_TEST_FIGURES" ] && { echo "==> Figures reported by the fuzz, property and outage suites"; cat "$ONBOARDING_TEST_FIGURES"; }; return 0; }
trap 'print_figures; stop_azurite' EXIT
echo "==> dotnet test"
dotnet test Onboarding.sln --nologo "$@"
