# The browser tests (tests/browser): Chromium from Debian, driven by playwright-core, calls the published
# app under the local Functions host from pages on other origins. Source it after azurite.sh (it sources
# dev-auth.sh and app.sh itself); call run_browser_tests with Azurite running.

source "$repo_root/scripts/lib/dev-auth.sh"
source "$repo_root/scripts/lib/app.sh"

# The Debian package, installed when missing (never a browser download of playwright's own).
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  echo "==> Installing Chromium (Debian package)"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
  command -v chromium >/dev/null
}

# run_browser_tests <published app folder>: starts the app with a settings file whose Host.CORS allows only
# the test page's origin (http://localhost:<free port>), a tracking limit of 2 a minute and no erasure time
# in the request (so a 429 with Retry-After and a 202 with Location come at once), runs `node --test` over tests/browser, stops the
# app. Ends with a PASSED / FAILED line; returns non-zero when a test failed or the app did not start.
# A subshell, so its EXIT trap stops the app whatever happens.
run_browser_tests() (
  local app_dir=$1 page_port settings status=0
  echo "==> Browser tests (Chromium, tests/browser)"
  ensure_chromium || { echo "==> Browser tests: FAILED (Chromium could not be installed)" >&2; return 1; }
  dev_auth_env
  page_port=$(free_port)
  settings=$(mktemp -t onboarding-browser-settings.XXXXXX.json)
  trap 'stop_app; rm -f "$settings" "${APP_LOG:-}"' EXIT
  write_test_settings "$settings" "http://localhost:$page_port" Tracking__RequestsPerMinute=2 Erasure__RequestBudgetSeconds=0
  start_app "$app_dir" "$settings" || { echo "==> Browser tests: FAILED (the app did not start)" >&2; return 1; }
  BROWSER_TEST_PAGE_PORT=$page_port CHROMIUM_PATH=$(command -v chromium) \
    node --test "$repo_root"/tests/browser/*.test.mjs || status=$?
  if [ "$status" -eq 0 ]; then
    echo "==> Browser tests: PASSED"
  else
    echo "==> Browser tests: FAILED (node --test exit code $status); the host's last lines:" >&2
    tail -n 40 "$APP_LOG" >&2
  fi
  return "$status"
)
