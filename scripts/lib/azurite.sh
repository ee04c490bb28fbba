# Shared by run.sh and test.sh: installs the npm tools and starts Azurite on free loopback ports.
# Source it, then call install_node_tools and start_azurite; stop_azurite runs from the caller's trap.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

install_node_tools() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "Node.js and npm are needed for Azurite (https://nodejs.org)." >&2
    return 1
  fi
  local stamp="$repo_root/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$repo_root/package-lock.json" -nt "$stamp" ]; then
    echo "==> Installing Azurite (npm ci)"
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

wait_for_port() {
  local port=$1 tries=100
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then return 1; fi
    sleep 0.1
  done
}

# start_azurite [blob queue table]: ports default to free ones; data in memory unless AZURITE_LOCATION
# names a folder. With AZURITE_SEPARATE_SERVICES=1 the blob, queue and table services run as three processes
# (azurite-blob, azurite-queue, azurite-table): each has its own Node.js event loop, and the queue service's
# periodic clean-up then pauses only the queues. Sets AZURITE_CONNECTION_STRING.
start_azurite() {
  local blob=${1:-$(free_port)} queue=${2:-$(free_port)} table=${3:-$(free_port)}
  local storage=(--inMemoryPersistence)
  [ -n "${AZURITE_LOCATION:-}" ] && storage=(--location "$AZURITE_LOCATION")
  local common=("${storage[@]}" --skipApiVersionCheck --disableTelemetry)
  AZURITE_LOG=$(mktemp -t azurite.XXXXXX.log)
  AZURITE_PIDS=()
  if [ "${AZURITE_SEPARATE_SERVICES:-0}" = 1 ]; then
    local service port
    for service in blob queue table; do
      case $service in blob) port=$blob ;; queue) port=$queue ;; table) port=$table ;; esac
      "$repo_root/node_modules/.bin/azurite-$service" "${common[@]}" --"${service}Host" 127.0.0.1 --"${service}Port" "$port" >>"$AZURITE_LOG" 2>&1 &
      AZURITE_PIDS+=($!)
    done
  else
    "$repo_root/node_modules/.bin/azurite" "${common[@]}" \
      --blobHost 127.0.0.1 --blobPort "$blob" \
      --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" >"$AZURITE_LOG" 2>&1 &
    AZURITE_PIDS+=($!)
  fi
  AZURITE_PID=${AZURITE_PIDS[0]}
  for port in "$blob" "$queue" "$table"; do
    if ! wait_for_port "$port"; then
      echo "Azurite did not start; its log:" >&2
      cat "$AZURITE_LOG" >&2
      return 1
    fi
  done
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  export AZURITE_CONNECTION_STRING
  echo "==> Azurite (${AZURITE_LOCATION:-in memory}$([ ${#AZURITE_PIDS[@]} -gt 1 ] && echo ', one process per service')): blob $blob, queue $queue, table $table (pid ${AZURITE_PIDS[*]})"
}

stop_azurite() {
  local pid
  for pid in "${AZURITE_PIDS[@]:-${AZURITE_PID:-}}"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  [ -n "${AZURITE_LOG:-}" ] && rm -f "$AZURITE_LOG"
  AZURITE_PID=
  AZURITE_PIDS=()
}
