"""USSD bench: the project's journey vs the Node ussd-menu-builder peer vs a Flask floor, same machine, same wrk.

    .venv/bin/python bench/ussd_bench.py [--duration 8] [--connections 16]

Seeds 100k seekers and 10k live jobs into a fresh SQLite file, serves the project on two worker processes with
gunicorn (sync) and with granian (WSGI), the peer from bench/peers/ussd-menu-builder (copied to /tmp, npm
install, seeded), a floor endpoint built here (one Redis GET+SET and one indexed SQLite read) and a ceiling (a bare
WSGI callable returning a constant: the fastest any Python step can be served) on granian; drives each with wrk and
prints requests/s, p99 and the ratios to the peer. Redis DBs 6 (project), 5 (peer), 7 (floor) are flushed.
Not part of ./test.
"""
import argparse
import contextlib
import os
import pathlib
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PEER_SOURCE = ROOT / "bench" / "peers" / "ussd-menu-builder"
PEER_JOURNEY = ROOT / "bench" / "peers" / "journey.lua"
PROJECT_JOURNEY = ROOT / "bench" / "journey.lua"
NEW_SEEKER_JOURNEY = ROOT / "bench" / "journey_new.lua"
WORK = pathlib.Path("/tmp/bp-ussd-bench")
PY = ROOT / ".venv" / "bin" / "python"
TOKEN = "bench-token"
SEEKERS, JOBS = 100_000, 10_000

FLOOR = '''
import os, sqlite3
from flask import Flask, request
from redis import Redis

app = Flask(__name__)
redis = Redis.from_url(os.environ["FLOOR_REDIS_URL"])
DB = os.environ["FLOOR_DB"]
_conn = {}

def conn():
    if "c" not in _conn:
        _conn["c"] = sqlite3.connect(DB, check_same_thread=False)
    return _conn["c"]

@app.post("/")
def floor():
    key = "floor:" + request.form.get("sessionId", "")
    previous = redis.get(key)
    row = conn().execute("SELECT id, language FROM seeker WHERE msisdn = ?", (request.form.get("phoneNumber"),)).fetchone()
    redis.set(key, request.form.get("text", ""), ex=300)
    return "CON floor %s %s" % (row, previous), 200, {"Content-Type": "text/plain"}
'''

# The ceiling of any Python answer here: a WSGI callable that parses nothing, touches nothing and returns a
# constant, on the same granian flags. A step cannot be served faster than this.
CEILING = '''
def app(environ, start_response):
    environ["wsgi.input"].read()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "11")])
    return [b"CON ceiling"]
'''

PROJECT = '''
from app import create_app
app = create_app()
'''


def say(message):
    print(message, flush=True)


def need(tool, hint):
    if shutil.which(tool) is None:
        sys.exit(f"{tool} is missing: {hint}")


def seed_project(db_path):
    """A fresh SQLite file with the schema, reference data, 10 verified employers, 10k live jobs, 100k seekers."""
    if db_path.exists():
        db_path.unlink()
    env = dict(os.environ, BONGPHEAK_DATABASE_URL=f"sqlite:///{db_path}")
    code = "from core.platform.db import init_db, upgrade_schema; import os; init_db(os.environ['BONGPHEAK_DATABASE_URL']); upgrade_schema()"
    subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True)
    conn = sqlite3.connect(db_path)
    now = "2026-11-28 00:00:00"
    conn.executemany(
        "INSERT INTO employer (msisdn, name, province_id, language, status, created_at) VALUES (?, ?, ?, 'en', 'verified', ?)",
        [(f"+8551260{i:04d}", f"Employer {i}", 1 + i % 25, now) for i in range(10)],
    )
    rng = random.Random(1)
    conn.executemany(
        "INSERT INTO job (ref, employer_id, category_id, province_id, title, details, wage_amount, wage_currency,"
        " wage_period, positions, status, flags, source, report_count, created_at, published_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'USD', 'month', ?, 'live', '[]', 'seed', 0, ?, ?)",
        [
            (f"J{10000 + i}", 1 + i % 10, 1 + i % 12, 1 + rng.randrange(25), f"Job {i} workers", "Meals provided",
             180 + i % 150, 1 + i % 20, now, f"2026-11-{1 + i % 27:02d} {i % 24:02d}:{i % 60:02d}:00")
            for i in range(JOBS)
        ],
    )
    conn.executemany(
        "INSERT INTO seeker (msisdn, language, home_province_id, reach, alerts_on, referral_code, alerts_today,"
        " created_at) VALUES (?, 'en', ?, 'near', 0, ?, 0, ?)",
        [(f"+85512{i:07d}", 1 + i % 25, f"{i:07d}", now) for i in range(SEEKERS)],
    )
    conn.commit()
    conn.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listening on {port}")


def start(command, env, cwd):
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=open(WORK / "server.log", "a"),
                               start_new_session=True)
    return process


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def flush(url):
    subprocess.run([PY, "-c", f"from redis import Redis; Redis.from_url('{url}').flushdb()"], check=True)


def wrk(port, script, path, duration, connections, extra_env=None):
    env = dict(os.environ, PATH_QS=path, **(extra_env or {}))
    out = subprocess.run(
        ["wrk", f"-t{connections}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}{path}"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, int(errors.group(1)) if errors else 0


def _ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def count_applications(db_path, before):
    """Every "You applied" was committed before it was shown: the applications are in the database already."""
    with sqlite3.connect(db_path) as conn:
        after = conn.execute("SELECT count(*) FROM application").fetchone()[0]
    say(f"{'':58s} {after - before:,} applications committed during the run")
    return after


class Checkpoints:
    """What the worker's periodic `checkpoint` job does in a deployment: copy the write-ahead log back every 5 s.

    Without it (no worker runs here) the WAL only grows, by hundreds of MB over the runs, and every page a
    request reads is looked up in a longer WAL index: each run would be slower than the one before it."""

    EVERY = 5.0

    def __init__(self, db_path):
        self.db_path = db_path

    def truncate(self):
        with sqlite3.connect(self.db_path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextlib.contextmanager
    def running(self):
        stop = threading.Event()

        def loop():
            conn = sqlite3.connect(self.db_path)
            while not stop.wait(self.EVERY):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            conn.close()

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    need("wrk", "apt-get update && apt-get install -y wrk")
    need("node", "install Node.js 18+ (apt-get install -y nodejs npm)")
    need("npm", "apt-get install -y npm")
    WORK.mkdir(exist_ok=True)
    (WORK / "server.log").write_text("")

    say(f"seeding {SEEKERS:,} seekers and {JOBS:,} jobs (SQLite) ...")
    started = time.time()
    project_db = WORK / "project.db"
    seed_project(project_db)
    say(f"  project seeded in {time.time() - started:.1f}s")
    peer_dir = WORK / "peer"
    if not (peer_dir / "node_modules").exists():
        shutil.rmtree(peer_dir, ignore_errors=True)
        shutil.copytree(PEER_SOURCE, peer_dir)
        for path in [peer_dir, *peer_dir.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=peer_dir, check=True,
                       stdout=subprocess.DEVNULL)
    peer_db = WORK / "peer.db"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{peer_db}{suffix}").unlink(missing_ok=True)
    subprocess.run(["node", "app.js", "--seed"], cwd=peer_dir, env=dict(os.environ, DB=str(peer_db)), check=True)
    (WORK / "floor_wsgi.py").write_text(FLOOR)
    (WORK / "project_wsgi.py").write_text(PROJECT)
    (WORK / "ceiling_wsgi.py").write_text(CEILING)

    project_env = dict(
        os.environ,
        PYTHONPATH=f"{ROOT}:{WORK}",
        BONGPHEAK_CONFIG=str(WORK / "absent.ini"),
        BONGPHEAK_DATABASE_URL=f"sqlite:///{project_db}",
        BONGPHEAK_REDIS_URL="redis://127.0.0.1:6379/6",
        BONGPHEAK_GATEWAY_CALLBACK_TOKEN=TOKEN,
        BONGPHEAK_GATEWAY_BACKEND="console",
    )
    floor_env = dict(os.environ, PYTHONPATH=str(WORK), FLOOR_REDIS_URL="redis://127.0.0.1:6379/7",
                     FLOOR_DB=str(project_db))
    granian = [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--workers", "2", "--blocking-threads", "1",
               "--runtime-mode", "st", "--http", "1", "--no-ws", "--no-access-log", "--log-level", "warning"]
    gunicorn = [str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "--log-level", "warning"]
    runs = [
        ("peer (node ussd-menu-builder, 2 workers)", "peer", PEER_JOURNEY, "/", {},
         lambda port: start(["node", "app.js"], dict(os.environ, PORT=str(port), DB=str(peer_db),
                                                      REDIS_URL="redis://127.0.0.1:6379/5"), peer_dir)),
        ("project on gunicorn (2 sync workers), returning", "project", PROJECT_JOURNEY, f"/ussd?token={TOKEN}", {},
         lambda port: start(gunicorn + ["-b", f"127.0.0.1:{port}", "project_wsgi:app"], project_env, ROOT)),
        ("project as ./run serves it (scripts/serve), returning", "project", PROJECT_JOURNEY,
         f"/ussd?token={TOKEN}", {}, lambda port: start([str(ROOT / "scripts" / "serve")],
                                                       dict(project_env, PORT=str(port), WEB_WORKERS="2"), ROOT)),
        ("project as ./run serves it (scripts/serve), new seekers", "project", NEW_SEEKER_JOURNEY,
         f"/ussd?token={TOKEN}", {"PREFIX": "13"},
         lambda port: start([str(ROOT / "scripts" / "serve")], dict(project_env, PORT=str(port), WEB_WORKERS="2"),
                            ROOT)),
        ("project on granian WSGI (no slow-client front), returning", "project", PROJECT_JOURNEY,
         f"/ussd?token={TOKEN}", {}, lambda port: start(granian + ["--port", str(port), "project_wsgi:app"],
                                                       project_env, ROOT)),
        ("floor: Flask, Redis GET+SET + indexed read (granian, 2)", "floor", PEER_JOURNEY, "/", {},
         lambda port: start(granian + ["--port", str(port), "floor_wsgi:app"], floor_env, WORK)),
        ("ceiling: bare WSGI returning a constant (granian, 2)", "ceiling", PEER_JOURNEY, "/", {},
         lambda port: start(granian + ["--port", str(port), "ceiling_wsgi:app"], floor_env, WORK)),
    ]
    results = {}
    applications = 0
    checkpoints = Checkpoints(project_db)  # what the worker's scheduler does in a deployment; no worker runs here
    for label, kind, script, path, env, launch in runs:
        for url in ("redis://127.0.0.1:6379/5", "redis://127.0.0.1:6379/6", "redis://127.0.0.1:6379/7"):
            flush(url)
        if kind == "project":
            checkpoints.truncate()  # each run starts from the same empty write-ahead log
        port = free_port()
        process = launch(port)
        try:
            wait_for(port)
            time.sleep(1.0)
            with checkpoints.running() if kind == "project" else contextlib.nullcontext():
                wrk(port, script, path, 2, args.connections, env)  # warm-up: caches, connections, JIT
                rps, p99, errors = wrk(port, script, path, args.duration, args.connections,
                                       {**env, "PREFIX": str(int(env["PREFIX"]) + 1)} if "PREFIX" in env else env)
        finally:
            stop(process)
        results[label] = (kind, rps, p99)
        say(f"{label:58s} {rps:9.0f} req/s   p99 {p99:7.2f} ms" + (f"   NON-2xx {errors}" if errors else ""))
        if kind == "project":
            applications = count_applications(project_db, applications)

    peer = next(v for v in results.values() if v[0] == "peer")
    say(f"\nat {args.connections} connections, {args.duration}s each; targets: throughput >= 0.6x peer, p99 <= 1.5x peer")
    for label, (kind, rps, p99) in results.items():
        if kind != "peer":
            say(f"{label:58s} throughput {rps / peer[1]:5.2f}x peer   p99 {p99 / peer[2]:5.2f}x peer")


if __name__ == "__main__":
    main()
