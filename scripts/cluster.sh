#!/usr/bin/env bash
# The production topology on one machine, all on loopback (issue 10): PostgreSQL (tracker store),
# Redis (lock store), two Rasa servers, two action servers, and nginx in front. Debian's packages,
# installed here if missing. State and logs in var/cluster/ (ignored by git).
#
#   scripts/cluster.sh up      start everything; the assistant is then at http://127.0.0.1:$CLUSTER_PORT
#   scripts/cluster.sh down    stop everything
#   scripts/cluster.sh restart-rasa   kill every Rasa server and start them again
#
# nginx balances the REST channel over both Rasa servers (the stores are shared, and Redis locks
# each conversation while a server works on it); socket.io needs sticky sessions, so /socket.io
# goes by client address (ip_hash). Both action servers sit behind nginx too.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${CLUSTER_STATE:-var/cluster}
PORT=${CLUSTER_PORT:-5080}
PG_PORT=${CLUSTER_PG_PORT:-55432}
REDIS_PORT=${CLUSTER_REDIS_PORT:-56379}
RASA_PORTS=(5105 5106)
ACTION_PORTS=(5155 5156)
ACTION_PROXY_PORT=5150
PYTHON=.venv/bin/python
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
export TF_CPP_MIN_LOG_LEVEL=3 RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1
# A conversation's lock outlives a server killed while holding it for this long, not Rasa's 60 s.
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-10}
export DB_PASSWORD=${DB_PASSWORD:-triage-local}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

install() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -n "$PG_BIN" ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get install -y --no-install-recommends "${missing[@]}" || \
      { as_root apt-get update && as_root apt-get install -y --no-install-recommends "${missing[@]}"; }
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
}

wait_for() {  # url, seconds
  for _ in $(seq 1 "$2"); do curl -s -m 2 -o /dev/null "$1" && return 0; sleep 1; done
  echo "$1 did not answer within $2 s" >&2; return 1
}

start_postgres() {
  local data="$STATE/pg"
  if [ ! -d "$data" ]; then
    mkdir -p "$data"
    [ "$(id -u)" != 0 ] || chown postgres "$data"
    local pwfile; pwfile=$(mktemp); echo "$DB_PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
    as_postgres "$PG_BIN/initdb" -D "$data" -A md5 -U rasa --pwfile="$pwfile" >/dev/null
    rm -f "$pwfile"
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $(realpath "$data")" >/dev/null
  PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -tc \
    "SELECT 1 FROM pg_database WHERE datname = 'rasa'" | grep -q 1 || \
    PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -c "CREATE DATABASE rasa" >/dev/null
}

write_configs() {
  cat > "$STATE/endpoints.yml" <<EOF
action_endpoint:
  url: "http://127.0.0.1:$ACTION_PROXY_PORT/webhook"
tracker_store:
  type: SQL
  dialect: "postgresql"
  url: "127.0.0.1"
  port: $PG_PORT
  db: "rasa"
  username: "rasa"
  password: \${DB_PASSWORD}
lock_store:
  type: "redis"
  url: "127.0.0.1"
  port: $REDIS_PORT
nlg:
  type: channels.clinic_responses.ClinicResponses
EOF
  cat > "$STATE/nginx.conf" <<EOF
pid $(realpath "$STATE")/nginx.pid;
error_log $(realpath "$STATE")/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $(realpath "$STATE")/nginx-body;
  proxy_temp_path $(realpath "$STATE")/nginx-proxy;
  client_max_body_size 64k;  # the channel cuts a message at 2,000 characters; nothing needs more
  upstream rasa_rest { server 127.0.0.1:${RASA_PORTS[0]}; server 127.0.0.1:${RASA_PORTS[1]}; }
  upstream rasa_socketio { ip_hash; server 127.0.0.1:${RASA_PORTS[0]}; server 127.0.0.1:${RASA_PORTS[1]}; }
  upstream actions { server 127.0.0.1:${ACTION_PORTS[0]}; server 127.0.0.1:${ACTION_PORTS[1]}; }
  server {
    listen 127.0.0.1:$PORT;
    location /socket.io/ {
      proxy_pass http://rasa_socketio;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host \$host;
    }
    location / {
      proxy_pass http://rasa_rest;
      # A server that refuses the connection is skipped: the request never reached it.
      proxy_next_upstream error non_idempotent;
      proxy_read_timeout 60s;
    }
  }
  server {
    listen 127.0.0.1:$ACTION_PROXY_PORT;
    location / { proxy_pass http://actions; proxy_next_upstream error timeout non_idempotent; proxy_read_timeout 5s; }
  }
}
EOF
}

start_rasa() {  # port
  $PYTHON run_rasa.py run --interface 127.0.0.1 --port "$1" --model models/triage.tar.gz \
    --endpoints "$STATE/endpoints.yml" --credentials credentials.yml > "$STATE/rasa-$1.log" 2>&1 &
  echo $! > "$STATE/rasa-$1.pid"
}

up() {
  install
  mkdir -p "$STATE"
  start_postgres
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes \
    --pidfile "$(realpath "$STATE")/redis.pid" --logfile "$(realpath "$STATE")/redis.log"
  write_configs
  nginx -c "$(realpath "$STATE")/nginx.conf"
  for port in "${ACTION_PORTS[@]}"; do
    SANIC_HOST=127.0.0.1 $PYTHON -m actions --port "$port" > "$STATE/actions-$port.log" 2>&1 &
    echo $! > "$STATE/actions-$port.pid"
  done
  for port in "${RASA_PORTS[@]}"; do start_rasa "$port"; done
  for port in "${ACTION_PORTS[@]}"; do wait_for "http://127.0.0.1:$port/health" 120; done
  for port in "${RASA_PORTS[@]}"; do wait_for "http://127.0.0.1:$port/" 240; done
  echo "cluster up: http://127.0.0.1:$PORT/webhooks/rest/webhook (Rasa ${RASA_PORTS[*]}, actions ${ACTION_PORTS[*]})"
}

down() {
  for pidfile in "$STATE"/rasa-*.pid "$STATE"/actions-*.pid; do
    [ -f "$pidfile" ] && { kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; }
  done
  [ -f "$STATE/nginx.pid" ] && nginx -c "$(realpath "$STATE")/nginx.conf" -s stop 2>/dev/null || true
  [ -f "$STATE/redis.pid" ] && kill "$(cat "$STATE/redis.pid")" 2>/dev/null || true
  [ -d "$STATE/pg" ] && as_postgres "$PG_BIN/pg_ctl" -D "$STATE/pg" -m fast stop >/dev/null 2>&1 || true
  echo "cluster down"
}

restart_rasa() {  # every Rasa server, killed and started again on the same stores
  for port in "${RASA_PORTS[@]}"; do
    [ -f "$STATE/rasa-$port.pid" ] && kill -9 "$(cat "$STATE/rasa-$port.pid")" 2>/dev/null || true
  done
  for port in "${RASA_PORTS[@]}"; do start_rasa "$port"; done
  for port in "${RASA_PORTS[@]}"; do wait_for "http://127.0.0.1:$port/" 240; done
  echo "Rasa servers restarted"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  restart-rasa) restart_rasa ;;
  *) echo "usage: $0 up|down|restart-rasa" >&2; exit 2 ;;
esac
