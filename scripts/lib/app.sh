# Shared by the scripts that run the app for a client outside .NET (the TypeScript client's and the
# browser's tests): builds the local Functions host and starts it on a published app.
# Source it after azurite.sh and dev-auth.sh; call start_app; stop_app runs from the caller's trap.

# start_app <app folder> [settings file]: starts the local Functions host on a free port over the app
# (storage: AZURITE_CONNECTION_STRING; auth: the dev-auth environment) and waits for /api/health.
# Sets ONBOARDING_API_URL (…/api) and APP_PID; the host's output goes to APP_LOG.
start_app() {
  local app_dir=$1 settings=${2:-$repo_root/local.settings.sample.json}
  local host_dir="$repo_root/artifacts/local-host"
  if [ ! -f "$host_dir/Onboarding.LocalFunctionsHost.dll" ]; then
    echo "==> Building the local Functions host into $host_dir"
    dotnet build "$repo_root/tools/Onboarding.LocalFunctionsHost" --nologo -v quiet -c Release -o "$host_dir"
  fi
  local port
  port=$(free_port)
  APP_LOG=$(mktemp -t onboarding-app.XXXXXX.log)
  AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" \
    dotnet "$host_dir/Onboarding.LocalFunctionsHost.dll" "$app_dir" --settings "$settings" --port "$port" \
    >"$APP_LOG" 2>&1 &
  APP_PID=$!
  ONBOARDING_API_URL="http://127.0.0.1:$port/api"
  export ONBOARDING_API_URL
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "$ONBOARDING_API_URL/health" 2>/dev/null; then
      echo "==> App under the local Functions host at $ONBOARDING_API_URL (pid $APP_PID)"
      return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "The app did not start; the host's output:" >&2
  cat "$APP_LOG" >&2
  return 1
}

# write_test_settings <file> <cors origin or ""> [Name=value ...]: local.settings.sample.json with Host.CORS set to
# the origin (when given) and the Values given replaced, for a test run of the app.
write_test_settings() {
  local file=$1 origin=$2
  shift 2
  node -e '
    const fs = require("fs");
    const [sample, file, origin, ...values] = process.argv.slice(1);
    const settings = JSON.parse(fs.readFileSync(sample, "utf8"));
    if (origin) settings.Host = { ...settings.Host, CORS: origin };
    for (const pair of values) {
      const at = pair.indexOf("=");
      settings.Values[pair.slice(0, at)] = pair.slice(at + 1);
    }
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  ' "$repo_root/local.settings.sample.json" "$file" "$origin" "$@"
}

stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
