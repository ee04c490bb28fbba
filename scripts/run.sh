#!/usr/bin/env bash
# Runs the backend locally: installs and starts Azurite (data kept in .azurite/), then the function
# app in standalone mode, which serves HTTP and drives its own queue and timer triggers.
# Ctrl-C stops both. Settings: ONBOARDING_PORT (default 7071); any app setting as an env var.
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
source "$(dirname "$0")/lib/dev-auth.sh"
cd "$repo_root"

install_node_tools

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_free 10000 && port_free 10001 && port_free 10002; then
  ports=(10000 10001 10002)   # Azurite's usual ports, so Storage Explorer finds it
else
  ports=("$(free_port)" "$(free_port)" "$(free_port)")
fi
mkdir -p .azurite
AZURITE_LOCATION="$repo_root/.azurite"

app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  stop_azurite
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_azurite "${ports[@]}"

dev_auth_env
port=${ONBOARDING_PORT:-7071}
echo "==> Building the function app"
dotnet build src/Onboarding.Functions --nologo -v quiet -c Debug
echo "==> Starting the function app (standalone: local queue and timer driver on)"
AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" ONBOARDING_PORT="$port" ASPNETCORE_ENVIRONMENT=Development \
  dotnet run --project src/Onboarding.Functions --no-build --no-launch-profile &
app_pid=$!
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "The app exited; see its output above." >&2; exit 1; fi
  sleep 0.1
done
cat <<INFO

  Onboarding backend:  http://127.0.0.1:$port/api
  Health:              http://127.0.0.1:$port/api/health
  API explorer:        http://127.0.0.1:$port/swagger
  A token to call it:  scripts/dev-token.sh --org my-org --role org_admin
                       (then: curl -H "Authorization: Bearer <token>" http://127.0.0.1:$port/api/orgs/my-org/onboarding)
  Storage (Azurite):   $AZURITE_CONNECTION_STRING

  Press Ctrl-C to stop the app and Azurite.

INFO
wait "$app_pid"
