#!/usr/bin/env bash
# Runs every test: installs Azurite (npm ci), starts it in memory on free ports, publishes the function
# app (the end-to-end tests run it as a worker process under the local Functions host) and builds the
# small isolated-worker app the local host's own tests run, then runs the .NET test projects against
# Azurite, then the TypeScript client's tests against the app (scripts/lib/client-tests.sh), the browser
# tests (Chromium, installed from Debian when missing) and the web app's browser tests (scripts/lib/web-tests.sh),
# and stops Azurite
# afterwards, also when tests fail.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Wizard).
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
source "$(dirname "$0")/lib/browser-tests.sh"
source "$(dirname "$0")/lib/client-tests.sh"
source "$(dirname "$0")/lib/web-tests.sh"
cd "$repo_root"

install_node_tools
trap stop_azurite EXIT
start_azurite

bash scripts/publish.sh artifacts/test-app
export ONBOARDING_APP_DIR="$repo_root/artifacts/test-app"
echo "==> Building the test worker app for the local Functions host's tests"
# The Worker SDK's inner extensions project warns NU1603 and does not read Directory.Build.props.
dotnet build tests/TestWorkerApp/TestWorkerApp.csproj -c Release -o artifacts/test-worker \
  --nologo -v q -p:WarningsNotAsErrors=NU1603
export ONBOARDING_TEST_WORKER_DIR="$repo_root/artifacts/test-worker"
export ONBOARDING_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
export ONBOARDING_TEST_FIGURES="$repo_root/artifacts/test-figures.txt"
: > "$ONBOARDING_TEST_FIGURES"
print_figures() { [ -s "$ONBOARDING_TEST_FIGURES" ] && { echo "==> Figures reported by the tests (fuzz, property, outage, local host start-up)"; cat "$ONBOARDING_TEST_FIGURES"; }; return 0; }
trap 'print_figures; stop_azurite' EXIT
echo "==> dotnet test (one test project at a time)"
# Both the app's end-to-end tests and the local host's tests start worker processes; one project at a
# time keeps them from competing for the two cores.
dotnet test Onboarding.sln --nologo -m:1 "$@"
run_client_tests "$ONBOARDING_APP_DIR"
run_browser_tests "$ONBOARDING_APP_DIR"
run_web_tests "$ONBOARDING_APP_DIR"
