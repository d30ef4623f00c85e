#!/usr/bin/env bash
# The production topology on one machine, all on loopback (issue 10): PostgreSQL (tracker store),
# Redis (lock store), RabbitMQ (event broker: the clinic's triage outcomes, queue triage_events; issue
# 21), two Rasa servers, two action servers, and nginx in front. Debian's packages,
# installed here if missing. State and logs in var/cluster/ (ignored by git).
#
#   scripts/cluster.sh up      start what is not running (a second `up` reuses a running cluster)
#   scripts/cluster.sh down    stop everything, and wait until it has stopped
#   scripts/cluster.sh status  exit 0 if every part is running
#   scripts/cluster.sh restart-rasa   kill every Rasa server and start them again
#
# Ports, from the environment (the defaults in brackets); `up` records them in var/cluster/cluster.env,
# which the other commands and scripts/cluster_load.py read, so only `up` needs them set:
#   CLUSTER_PORT [5080] nginx, the assistant      CLUSTER_RASA_PORTS ["5105 5106"]
#   CLUSTER_PG_PORT [55432]  CLUSTER_REDIS_PORT [56379]  CLUSTER_ACTION_PORTS ["5155 5156"]
#   CLUSTER_RABBITMQ_PORT [55672] AMQP (and the two ports after it, scripts/rabbitmq.sh)
#   CLUSTER_ACTION_PROXY_PORT [5150] nginx in front of the action servers
# A port held by anything that is not this cluster stops `up` with the process holding it named.
#
# Logs (var/cluster/*.log) are appended to, never overwritten; each start of a server writes a line
# "=== <time> start ..." first. nginx-access.log names the upstream(s) each request went to, so a
# request retried after a server died shows both.
#
# nginx balances the REST channel over both Rasa servers (the stores are shared, and Redis locks
# each conversation while a server works on it); socket.io needs sticky sessions, so /socket.io
# goes by client address (ip_hash). Both action servers sit behind nginx too.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${CLUSTER_STATE:-var/cluster}
CONFIG="$STATE/cluster.env"
# Set in the environment > recorded by the last `up` > default.
recorded() { [ -f "$CONFIG" ] && sed -n "s/^$1=\"\\(.*\\)\"\$/\\1/p" "$CONFIG" || true; }
setting() { local value="${!1:-}"; [ -n "$value" ] || value=$(recorded "$1"); echo "${value:-$2}"; }
PORT=$(setting CLUSTER_PORT 5080)
PG_PORT=$(setting CLUSTER_PG_PORT 55432)
REDIS_PORT=$(setting CLUSTER_REDIS_PORT 56379)
RABBITMQ_PORT=$(setting CLUSTER_RABBITMQ_PORT 55672)
read -r -a RASA_PORTS <<< "$(setting CLUSTER_RASA_PORTS "5105 5106")"
read -r -a ACTION_PORTS <<< "$(setting CLUSTER_ACTION_PORTS "5155 5156")"
ACTION_PROXY_PORT=$(setting CLUSTER_ACTION_PROXY_PORT 5150)
PYTHON=.venv/bin/python
MODEL=models/triage.tar.gz
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
export TF_CPP_MIN_LOG_LEVEL=3 RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1
# A conversation's lock outlives a server killed while holding it for this long, not Rasa's 60 s:
# nginx retries the dead server's requests on the other at once, and they wait for this (measured:
# 10 s lock -> the slowest retried turn answered in about 13 s; the widget gives up at 20 s).
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-10}
export DB_PASSWORD=${DB_PASSWORD:-triage-local} RABBITMQ_PASSWORD=${RABBITMQ_PASSWORD:-triage-local}

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
  # rabbitmq-server: `scripts/rabbitmq.sh start` installs it if missing
}

alive() {  # pid: running (a zombie is not)
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]
}
pid_of() { [ -f "$1" ] && head -1 "$1" || true; }
listeners() { ss -Hltnp "sport = :$1" 2>/dev/null; }  # who listens on a port
listening() { listeners "$1" | grep -q "pid=$2,"; }     # port pid: that process listens there

port_free() {  # port what: fail, naming the holder, if anything listens on the port (after 10 s:
  local holder      # a server just killed can leave its socket listening for a moment as it exits)
  for _ in $(seq 1 50); do holder=$(listeners "$1"); [ -z "$holder" ] && return 0; sleep 0.2; done
  echo "port $1 ($2) is in use: $(echo "$holder" | grep -o 'users:.*' | head -1)" >&2
  echo "  stop that, or give the cluster other ports (scripts/cluster.sh: CLUSTER_*PORT*)" >&2
  return 1
}

wait_for() {  # url seconds pidfile port log: until the url answers from the process in pidfile
  local pid; pid=$(pid_of "$3")
  for _ in $(seq 1 "$2"); do
    if ! alive "$pid"; then
      echo "the server for $1 (pid $pid) exited; the end of $5:" >&2; tail -n 15 "$5" >&2; return 1
    fi
    listening "$4" "$pid" && curl -s -m 2 -o /dev/null "$1" && return 0
    sleep 1
  done
  echo "$1 did not answer within $2 s (log: $5)" >&2; return 1
}

start_server() {  # name port command...: in its own process group, log appended, pid in $STATE/name-port.pid
  local name=$1 port=$2 log="$STATE/$1-$2.log"; shift 2
  port_free "$port" "$name"
  # setsid: a process group of its own, so that a kill reaches any worker it forks too.
  ( echo "=== $(date -Is) start $name on port $port, pid $BASHPID: $*"; exec setsid "$@" ) >> "$log" 2>&1 &
  echo $! > "$STATE/$name-$port.pid"
}

stop_group() {  # pidfile signal seconds: signal the server's process group, wait until it has gone
  local pid; pid=$(pid_of "$1")
  if alive "$pid"; then
    kill "-$2" -- "-$pid" 2>/dev/null || kill "-$2" "$pid" 2>/dev/null || true
    for _ in $(seq 1 $(($3 * 10))); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  fi
  rm -f "$1"
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
  if as_postgres "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 && \
     listening "$PG_PORT" "$(pid_of "$data/postmaster.pid")"; then
    :  # running, on this port: reused
  else
    as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true  # on another port
    port_free "$PG_PORT" PostgreSQL
    as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $(realpath "$data")" >/dev/null
  fi
  PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -tc \
    "SELECT 1 FROM pg_database WHERE datname = 'rasa'" | grep -q 1 || \
    PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -c "CREATE DATABASE rasa" >/dev/null
}

start_redis() {
  local pidfile; pidfile="$(realpath "$STATE")/redis.pid"
  listening "$REDIS_PORT" "$(pid_of "$pidfile")" && return 0
  stop_group "$pidfile" TERM 10
  port_free "$REDIS_PORT" Redis
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes \
    --pidfile "$pidfile" --logfile "$(realpath "$STATE")/redis.log"
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
event_broker:
  type: channels.triage_events.TriagePikaEventBroker
  url: "127.0.0.1"
  port: $RABBITMQ_PORT
  username: "triage"
  password: \${RABBITMQ_PASSWORD}
  queues:
  - triage_events
nlg:
  type: channels.clinic_responses.ClinicResponses
EOF
  local servers="" socketio="" actions="" port
  for port in "${RASA_PORTS[@]}"; do servers+=" server 127.0.0.1:$port;"; done
  for port in "${ACTION_PORTS[@]}"; do actions+=" server 127.0.0.1:$port;"; done
  cat > "$STATE/nginx.conf" <<EOF
pid $(realpath "$STATE")/nginx.pid;
error_log $(realpath "$STATE")/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  # No bodies, no senders: the time, status, seconds, and which upstream(s) answered (a retry shows two).
  log_format upstreams '\$time_iso8601 \$status \$request_time "\$request_method \$uri" '
                       'upstream="\$upstream_addr" status="\$upstream_status" seconds="\$upstream_response_time"';
  access_log $(realpath "$STATE")/nginx-access.log upstreams;
  client_body_temp_path $(realpath "$STATE")/nginx-body;
  proxy_temp_path $(realpath "$STATE")/nginx-proxy;
  client_max_body_size 64k;  # the channel cuts a message at 2,000 characters; nothing needs more
  upstream rasa_rest {$servers }
  upstream rasa_socketio { ip_hash;$servers }
  upstream actions {$actions }
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
      # A killed server resets its connections and refuses new ones: the request goes to the other
      # at once ("error"); non_idempotent lets nginx do so for the channel's POSTs. Not on a
      # timeout: after a read timeout that server may still be working on the turn (a duplicate).
      # The connect timeout is not short: in a burst of 300 the servers' listen queues (100) fill,
      # and with 2 s, 19 of 300 connections timed out (a 504, the server marked down, then 502s).
      proxy_next_upstream error non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 10s;
      # A turn takes seconds (ACTION_TIMEOUT_SECONDS bounds the actions); one retried after a kill
      # waits up to TICKET_LOCK_LIFETIME for the dead server's lock. Past this, a 504 before the
      # widget gives up at 20 s.
      proxy_read_timeout 19s;
    }
  }
  server {
    listen 127.0.0.1:$ACTION_PROXY_PORT;
    location / { proxy_pass http://actions; proxy_next_upstream error timeout non_idempotent; proxy_connect_timeout 2s; proxy_read_timeout 5s; }
  }
}
EOF
}

start_nginx() {
  local pid; pid=$(pid_of "$STATE/nginx.pid")
  if listening "$PORT" "$pid" && listening "$ACTION_PROXY_PORT" "$pid"; then
    nginx -c "$(realpath "$STATE")/nginx.conf" -s reload  # running: the configuration just written
  else
    stop_group "$STATE/nginx.pid" QUIT 10
    port_free "$PORT" nginx; port_free "$ACTION_PROXY_PORT" "nginx for the action servers"
    nginx -c "$(realpath "$STATE")/nginx.conf"
  fi
}

start_rasa() {  # port: unless already running there (and the model is not newer than it)
  local pidfile="$STATE/rasa-$1.pid"
  if listening "$1" "$(pid_of "$pidfile")" || alive "$(pid_of "$pidfile")"; then
    [ "$MODEL" -nt "$pidfile" ] || return 0
    echo "$MODEL is newer than the Rasa server on port $1: restarting it"
  fi
  stop_group "$pidfile" TERM 15
  start_server rasa "$1" $PYTHON run_rasa.py run --interface 127.0.0.1 --port "$1" --model "$MODEL" \
    --endpoints "$STATE/endpoints.yml" --credentials credentials.yml
}

start_actions() {  # port
  local pidfile="$STATE/actions-$1.pid"
  { listening "$1" "$(pid_of "$pidfile")" || alive "$(pid_of "$pidfile")"; } && return 0
  stop_group "$pidfile" TERM 10
  SANIC_HOST=127.0.0.1 start_server actions "$1" $PYTHON -m actions --port "$1"
}

record_config() {
  cat > "$CONFIG" <<EOF
CLUSTER_PORT="$PORT"
CLUSTER_PG_PORT="$PG_PORT"
CLUSTER_REDIS_PORT="$REDIS_PORT"
CLUSTER_RABBITMQ_PORT="$RABBITMQ_PORT"
CLUSTER_RASA_PORTS="${RASA_PORTS[*]}"
CLUSTER_ACTION_PORTS="${ACTION_PORTS[*]}"
CLUSTER_ACTION_PROXY_PORT="$ACTION_PROXY_PORT"
EOF
}

up() {
  install
  mkdir -p "$STATE"
  # Started before on other ports (set in the environment now): stop that cluster first.
  if [ -f "$CONFIG" ] && ! diff -q <(record_config_text) "$CONFIG" >/dev/null; then
    echo "the cluster's ports changed: stopping the one running on the old ones"
    down >/dev/null
  fi
  record_config
  start_postgres
  start_redis
  scripts/rabbitmq.sh start "$STATE/rabbitmq" "$RABBITMQ_PORT"
  write_configs
  start_nginx
  local port
  for port in "${ACTION_PORTS[@]}"; do start_actions "$port"; done
  for port in "${RASA_PORTS[@]}"; do start_rasa "$port"; done
  for port in "${ACTION_PORTS[@]}"; do
    wait_for "http://127.0.0.1:$port/health" 120 "$STATE/actions-$port.pid" "$port" "$STATE/actions-$port.log"
  done
  for port in "${RASA_PORTS[@]}"; do
    wait_for "http://127.0.0.1:$port/" 240 "$STATE/rasa-$port.pid" "$port" "$STATE/rasa-$port.log"
  done
  echo "cluster up: http://127.0.0.1:$PORT/webhooks/rest/webhook (Rasa ${RASA_PORTS[*]}, actions ${ACTION_PORTS[*]})"
}

record_config_text() { local CONFIG=/dev/stdout; record_config; }

status() {
  local port ok=0 pid
  listening "$PG_PORT" "$(pid_of "$STATE/pg/postmaster.pid")" || { echo "PostgreSQL: down"; ok=1; }
  listening "$REDIS_PORT" "$(pid_of "$STATE/redis.pid")" || { echo "Redis: down"; ok=1; }
  scripts/rabbitmq.sh status "$STATE/rabbitmq" || { echo "RabbitMQ: down"; ok=1; }
  listening "$PORT" "$(pid_of "$STATE/nginx.pid")" || { echo "nginx: down"; ok=1; }
  for port in "${ACTION_PORTS[@]}"; do
    listening "$port" "$(pid_of "$STATE/actions-$port.pid")" || { echo "action server $port: down"; ok=1; }
  done
  for port in "${RASA_PORTS[@]}"; do
    listening "$port" "$(pid_of "$STATE/rasa-$port.pid")" || { echo "Rasa server $port: down"; ok=1; }
  done
  [ $ok = 0 ] && echo "cluster up: http://127.0.0.1:$PORT/webhooks/rest/webhook"
  return $ok
}

down() {
  local pidfile
  for pidfile in "$STATE"/rasa-*.pid "$STATE"/actions-*.pid; do
    [ -f "$pidfile" ] && stop_group "$pidfile" TERM 15
  done
  if alive "$(pid_of "$STATE/nginx.pid")"; then
    nginx -c "$(realpath "$STATE")/nginx.conf" -s stop 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$(pid_of "$STATE/nginx.pid")" || break; sleep 0.1; done
  fi
  [ -f "$STATE/redis.pid" ] && stop_group "$STATE/redis.pid" TERM 10
  [ -d "$STATE/rabbitmq" ] && scripts/rabbitmq.sh stop "$STATE/rabbitmq"
  [ -d "$STATE/pg" ] && as_postgres "$PG_BIN/pg_ctl" -D "$STATE/pg" -m fast stop >/dev/null 2>&1 || true
  echo "cluster down"
}

restart_rasa() {  # every Rasa server, killed and started again on the same stores
  local port
  for port in "${RASA_PORTS[@]}"; do stop_group "$STATE/rasa-$port.pid" KILL 5; done
  for port in "${RASA_PORTS[@]}"; do start_rasa "$port"; done
  for port in "${RASA_PORTS[@]}"; do
    wait_for "http://127.0.0.1:$port/" 240 "$STATE/rasa-$port.pid" "$port" "$STATE/rasa-$port.log"
  done
  echo "Rasa servers restarted"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  restart-rasa) restart_rasa ;;
  *) echo "usage: $0 up|down|status|restart-rasa" >&2; exit 2 ;;
esac
