# The TypeScript client's tests (clients/typescript): installs its packages (npm ci), starts the published app under
# the local Functions host and runs `npm test` (type-checks the client, its README example and its tests, checks the
# generated types against the document the app serves, then node --test) against it.
# Source it after azurite.sh, with Azurite started; a failing test fails the call.

# run_client_tests <published app folder>: the app runs with no time budget for a DELETE (every erasure answers 202,
# so the client follows the Location) and 3 tracking requests a minute (so Retry-After is reached).
run_client_tests() {
  local app_dir=$1 client="$repo_root/clients/typescript" settings status=0
  source "$repo_root/scripts/lib/dev-auth.sh"
  source "$repo_root/scripts/lib/app.sh"
  if [ ! -f "$client/node_modules/.package-lock.json" ] || [ "$client/package-lock.json" -nt "$client/node_modules/.package-lock.json" ]; then
    echo "==> Installing the TypeScript client's packages (npm ci)"
    (cd "$client" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  settings=$(mktemp -t client-tests-settings.XXXXXX.json)
  write_test_settings "$settings" "" Erasure__RequestBudgetSeconds=0 Tracking__RequestsPerMinute=3
  dev_auth_env
  echo "==> TypeScript client tests (clients/typescript) against the app"
  if start_app "$app_dir" "$settings"; then
    (cd "$client" && npm test) || status=$?
  else
    status=1
  fi
  stop_app
  if [ "$status" -ne 0 ] && [ -s "${APP_LOG:-}" ]; then
    echo "==> The client tests failed; the last lines of the app's output:" >&2
    tail -n 40 "$APP_LOG" >&2
  fi
  rm -f "$settings" "${APP_LOG:-}"
  return "$status"
}
