# The reference web app (web/), shared by run.sh and web-tests.sh. Source it after azurite.sh (repo_root).

# install_web_packages: npm ci in web/ when its lock file is newer than its node_modules.
install_web_packages() {
  local web="$repo_root/web"
  if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "==> Installing the web app's packages (npm ci in web/)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# stop_web_server <pid>: stops a Vite server started in the background; its status is ignored (under set -e a
# killed server's 143 from wait would otherwise become the caller's result).
stop_web_server() {
  if [ -n "${1:-}" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
