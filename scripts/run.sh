#!/usr/bin/env bash
# Runs the backend locally: installs and starts Azurite (data kept in .azurite/), builds the function
# app and starts it under the local Functions host (tools/Onboarding.LocalFunctionsHost), which runs
# the isolated worker, serves its HTTP functions and drives its queue and timer triggers.
# Settings: local.settings.sample.json, then local.settings.json if you made one, then the environment.
# Ctrl-C stops everything. Port: ONBOARDING_PORT (default 7071).
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

host_pid=
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  stop_azurite
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_azurite "${ports[@]}"

dev_auth_env
port=${ONBOARDING_PORT:-7071}
settings=local.settings.sample.json
[ -f local.settings.json ] && settings=local.settings.json
echo "==> Building the function app and the local Functions host"
dotnet build src/Onboarding.Functions --nologo -v quiet -c Debug -o artifacts/run/app -p:WarningsNotAsErrors=NU1603
dotnet build tools/Onboarding.LocalFunctionsHost --nologo -v quiet -c Debug
# The admin API (/admin/*) requires this master key, as the Functions host requires its own in Azure.
master_key=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
echo "==> Starting the local Functions host on the app ($settings)"
AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" LocalFunctionsHost__MasterKey="$master_key" \
  dotnet tools/Onboarding.LocalFunctionsHost/bin/Debug/net10.0/Onboarding.LocalFunctionsHost.dll artifacts/run/app \
  --settings "$settings" --port "$port" &
host_pid=$!
for _ in $(seq 1 600); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null; then break; fi
  if ! kill -0 "$host_pid" 2>/dev/null; then echo "The host exited; see its output above." >&2; exit 1; fi
  sleep 0.1
done
cat <<INFO

  Onboarding backend:  http://127.0.0.1:$port/api
  Health:              http://127.0.0.1:$port/api/health
  API explorer:        http://127.0.0.1:$port/api/docs   (OpenAPI: /api/openapi/v1.json)
  A token to call it:  scripts/dev-token.sh --org my-org --role org_admin
                       (then: curl -H "Authorization: Bearer <token>" http://127.0.0.1:$port/api/orgs/my-org/onboarding)
  Admin (master key):  $master_key
  Run a timer now:     curl -X POST -H "x-functions-key: $master_key" -H 'Content-Type: application/json' -d '{"input":""}' http://127.0.0.1:$port/admin/functions/PurgeExpiredSampleData
  Host status:         curl -H "x-functions-key: $master_key" http://127.0.0.1:$port/admin/host/status
  Storage (Azurite):   $AZURITE_CONNECTION_STRING

  Press Ctrl-C to stop the host, the worker and Azurite.

INFO
wait "$host_pid"
