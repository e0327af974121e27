# Shared by ./run and ./test: the virtualenv and a reachable Redis. Sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
STATE="$ROOT/var"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_venv() {
  # Installs into .venv; re-installs only when a requirements file changed.
  local wanted
  command -v python3 >/dev/null || die "python3 (3.11) is needed: apt-get install python3 python3-venv"
  [ -x "$PY" ] || { say "creating .venv"; python3 -m venv "$VENV" || die "python3 -m venv failed: apt-get install python3-venv"; }
  wanted=$(cat "$ROOT"/requirements*.txt | sha256sum | cut -c1-16)
  if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$wanted" ]; then
    say "installing Python packages into .venv"
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements-dev.txt" || die "pip install failed"
    echo "$wanted" > "$VENV/.installed"
  fi
}

redis_up() {  # redis_up URL: true if a Redis answers PING there
  "$PY" - "$1" <<'PY' 2>/dev/null
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1).ping()
PY
}

start_private_redis() {  # start_private_redis PORT: a Redis of our own, state under var/
  local port=$1 dir="$STATE/redis-$1"
  command -v redis-server >/dev/null || die "no Redis is reachable and redis-server is not installed: apt-get install redis-server (or set [redis] url)"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --pidfile "$dir/redis.pid" \
    --dir "$dir" --logfile "$dir/redis.log" --save "" --appendonly no >/dev/null || die "redis-server did not start (see $dir/redis.log)"
  for _ in $(seq 50); do redis_up "redis://127.0.0.1:$port/0" && return 0; sleep 0.1; done
  die "redis-server on port $port did not answer (see $dir/redis.log)"
}

port_free() {  # port_free HOST PORT: true if nothing listens there yet
  "$PY" - "$1" "$2" <<'PY'
import socket, sys
probe = socket.socket()
probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    probe.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
finally:
    probe.close()
PY
}

stop_private_redis() {  # stop_private_redis PORT
  local pidfile="$STATE/redis-$1/redis.pid"
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  rm -f "$pidfile"
}
