# The reference web app's browser tests (tests/web): builds web/ against the published app under the local
# Functions host, serves the build with `vite preview` on a free port that the app's Host.CORS allows, and drives
# it in Chromium (Debian) with playwright-core: the wizard, the checklist following queued activity, a conflict
# from a second tab, the analytics dashboard, and axe-core's accessibility checks. Screenshots: docs/images/web-*.png
# (the README shows them) and artifacts/web-tests/.
# Source it after azurite.sh (it sources web.sh, and browser-tests.sh for Chromium, dev-auth.sh and app.sh); call
# run_web_tests with Azurite running. A subshell, so its EXIT trap stops the app and the preview server.

source "$repo_root/scripts/lib/browser-tests.sh"
source "$repo_root/scripts/lib/web.sh"

# run_web_tests <published app folder>: ends with a PASSED / FAILED line; non-zero when a test failed or
# something did not start.
run_web_tests() (
  local app_dir=$1 web="$repo_root/web" web_port settings preview_pid= preview_log status=0
  echo "==> Web app tests (Chromium, tests/web)"
  ensure_chromium || { echo "==> Web app tests: FAILED (Chromium could not be installed)" >&2; return 1; }
  install_web_packages || { echo "==> Web app tests: FAILED (npm ci in web/)" >&2; return 1; }
  dev_auth_env
  web_port=$(free_port)
  settings=$(mktemp -t onboarding-web-settings.XXXXXX.json)
  preview_log=$(mktemp -t onboarding-web-preview.XXXXXX.log)
  trap 'stop_web_server "$preview_pid"; stop_app; rm -f "$settings" "$preview_log" "${APP_LOG:-}"' EXIT
  write_test_settings "$settings" "http://localhost:$web_port"
  start_app "$app_dir" "$settings" || { echo "==> Web app tests: FAILED (the app did not start)" >&2; return 1; }
  echo "==> Building web/ for $ONBOARDING_API_URL"
  (cd "$web" && WEB_API_BASE_URL="${ONBOARDING_API_URL%/api}" WEB_REFRESH_SECONDS=2 npm run build --silent) \
    || { echo "==> Web app tests: FAILED (the web app did not build)" >&2; return 1; }
  (cd "$web" && exec node_modules/.bin/vite preview --port "$web_port") >"$preview_log" 2>&1 &
  preview_pid=$!
  wait_for_port "$web_port" || { echo "==> Web app tests: FAILED (vite preview did not start)" >&2; cat "$preview_log" >&2; return 1; }
  WEB_URL="http://localhost:$web_port" CHROMIUM_PATH=$(command -v chromium) \
    node --test --test-concurrency=1 "$repo_root"/tests/web/*.test.mjs || status=$?
  if [ "$status" -eq 0 ]; then
    echo "==> Web app tests: PASSED"
  else
    echo "==> Web app tests: FAILED (node --test exit code $status); the host's last lines:" >&2
    tail -n 40 "$APP_LOG" >&2
  fi
  return "$status"
)
