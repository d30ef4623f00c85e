#!/usr/bin/env bash
# A RabbitMQ node of our own on loopback, for Rasa's Pika event broker (issue 21): Debian's
# rabbitmq-server, its data, logs and Erlang cookie under DIR, no plugins, one user. Used by
# scripts/cluster.sh and the integration tests; a system-wide RabbitMQ is neither needed nor touched.
#
#   scripts/rabbitmq.sh install                 apt-get install rabbitmq-server if missing
#   scripts/rabbitmq.sh start DIR PORT          start (or reuse) a node; returns once it accepts AMQP
#   scripts/rabbitmq.sh stop DIR                stop it, and its epmd, and wait until they have gone
#   scripts/rabbitmq.sh status DIR              exit 0 if it is running
#
# PORT is AMQP's; the node also listens on PORT+1 (Erlang distribution) and PORT+2 (epmd), loopback only.
# The user is "triage", its password RABBITMQ_PASSWORD (default triage-local).
set -euo pipefail
SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server

install() {
  [ -x "$SERVER" ] && return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends rabbitmq-server >/dev/null || \
    { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends rabbitmq-server >/dev/null; }
}

environment() {  # dir port: the node's whole environment, nothing from /etc/rabbitmq or $HOME
  local dir; dir=$(realpath "$1")
  export HOME="$dir" RABBITMQ_NODENAME="triage-$2@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$2" RABBITMQ_DIST_PORT=$(($2 + 1)) ERL_EPMD_PORT=$(($2 + 2)) ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_PID_FILE="$dir/beam.pid"
}

accepts() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
group_of() { [ -f "$1/group.pid" ] && head -1 "$1/group.pid" || true; }
running() { local group; group=$(group_of "$1"); [ -n "$group" ] && kill -0 -- "-$group" 2>/dev/null; }

start() {
  local dir=$1 port=$2
  mkdir -p "$dir" && chmod 700 "$dir"
  if running "$dir" && accepts "$port"; then return 0; fi
  stop "$dir"
  if accepts "$port"; then echo "port $port (RabbitMQ) is in use: $(ss -Hltnp "sport = :$port" | grep -o 'users:.*')" >&2; return 1; fi
  cat > "$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$port
default_user = triage
default_pass = ${RABBITMQ_PASSWORD:-triage-local}
loopback_users = none
EOF
  echo "[]." > "$dir/enabled_plugins"
  environment "$dir" "$port"
  ( echo "=== $(date -Is) start rabbitmq on port $port"; exec setsid "$SERVER" ) >> "$dir/rabbitmq.log" 2>&1 &
  echo $! > "$dir/group.pid"
  for _ in $(seq 1 120); do
    accepts "$port" && return 0
    running "$dir" || break
    sleep 0.5
  done
  echo "RabbitMQ did not start on port $port; the end of $dir/rabbitmq.log:" >&2
  tail -n 20 "$dir/rabbitmq.log" >&2
  return 1
}

stop() {
  local dir=$1 group; group=$(group_of "$dir")
  if [ -n "$group" ]; then
    kill -TERM -- "-$group" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 -- "-$group" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$group" 2>/dev/null || true
  fi
  # epmd daemonizes out of the node's process group: stop the one on this node's port.
  local port; port=$(sed -n 's/^listeners.tcp.default = 127.0.0.1:\([0-9]*\)$/\1/p' "$dir/rabbitmq.conf" 2>/dev/null || true)
  if [ -n "$port" ]; then
    local epmd; epmd=$(ss -Hltnp "sport = :$((port + 2))" 2>/dev/null | grep -o 'epmd",pid=[0-9]*' | head -1 | cut -d= -f2 || true)
    [ -z "$epmd" ] || kill "$epmd" 2>/dev/null || true
  fi
  rm -f "$dir/group.pid"
}

case "${1:-}" in
  install) install ;;
  start) [ $# = 3 ] || { echo "usage: $0 start DIR PORT" >&2; exit 2; }; install; start "$2" "$3" ;;
  stop) [ $# = 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
  status) [ $# = 2 ] || { echo "usage: $0 status DIR" >&2; exit 2; }; running "$2" ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
