#!/usr/bin/env bash
# Runs the backend locally: installs and starts Azurite (data kept in .azurite/), builds the function
# app and starts it under the local Functions host (tools/Onboarding.LocalFunctionsHost), which runs
# the isolated worker, serves its HTTP functions and drives its queue and timer triggers.
# Then it serves the reference web app (web/) with Vite on http://localhost:5173, which the local CORS settings allow.
# Settings: local.settings.sample.json, then local.settings.json if you made one, then the environment.
# Ctrl-C stops everything. Port: ONBOARDING_PORT (default 7071).
#   --demo    also puts the demo data set (web/dev/demo-data.mjs) on the events queue, so the analytics dashboard
#             shows two weeks of organizations' onboarding on a fresh machine
#   --no-web  the backend only
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
source "$(dirname "$0")/lib/dev-auth.sh"
source "$(dirname "$0")/lib/web.sh"
cd "$repo_root"

demo=false web=true
for argument in "$@"; do
  case "$argument" in
    --demo) demo=true ;;
    --no-web) web=false ;;
    *) echo "Unknown option $argument (--demo, --no-web)" >&2; exit 2 ;;
  esac
done

install_node_tools
$web && install_web_packages

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_free 10000 && port_free 10001 && port_free 10002; then
  ports=(10000 10001 10002)   # Azurite's usual ports, so Storage Explorer finds it
else
  ports=("$(free_port)" "$(free_port)" "$(free_port)")
fi
mkdir -p .azurite
AZURITE_LOCATION="$repo_root/.azurite"

host_pid= web_pid=
cleanup() {
  stop_web_server "$web_pid"
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
if $demo; then
  echo "==> Loading the demo data set onto the events queue"
  AZURITE_CONNECTION_STRING="$AZURITE_CONNECTION_STRING" node web/dev/seed-demo.mjs
fi
web_url="(not started: --no-web)"
if $web; then
  port_free 5173 || { echo "Port 5173 is in use; the web app needs it (the local CORS settings allow it). Stop what uses it, or pass --no-web." >&2; exit 1; }
  # Vite on 5173, the port local.settings.sample.json's Host.CORS allows; its /dev-token route signs with the key above.
  (cd web && WEB_API_BASE_URL="http://127.0.0.1:$port" exec node_modules/.bin/vite --port 5173 --clearScreen false) &
  web_pid=$!
  wait_for_port 5173 || { echo "Vite did not start on port 5173 (in use?)." >&2; exit 1; }
  web_url="http://localhost:5173   (sign in with an organization and a role; --demo loads analytics data)"
fi
cat <<INFO

  Web app:             $web_url
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
