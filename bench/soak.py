"""Soak: the service as ./run starts it, under USSD + SMS load, while Redis is killed for 20 s and a worker is SIGKILLed.

    .venv/bin/python bench/soak.py [--duration 120] [--databases sqlite,postgresql]

For each database: 2 granian web processes (scripts/serve) and `flask worker --processes 2`, on a private
redis-server and the local AT-compatible server (tests/atstub.py). Threads offer a steady load: new seekers walking
the USSD journey to an application, and seekers texting HELP. A third of the way in, redis-server is killed and
started again, empty, 20 s later; half way, one worker process is SIGKILLed (its supervisor starts another). Then
the load stops and the script waits for every pending message to go out. It prints p50/p99 of the USSD steps, USSD
error screens, 5xx, and what was lost and duplicated, and exits non-zero when a target is missed: 0 lost, 0
duplicated beyond the batch in flight when the worker died (recorded `unknown`), 0 5xx, 0 error screens, everything
out within 2 minutes of Redis returning. PostgreSQL runs on a throw-away database at $TEST_DATABASE_URL's server.
"""
import argparse
import collections
import itertools
import os
import pathlib
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import urlparse, urlunparse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402

from core.text.i18n import LANGUAGES, text  # noqa: E402
from core.jobs.models import Application
from core.outbound.models import OutboundMessage
from core.seekers.models import Seeker
from tests.atstub import ATStub  # noqa: E402
from tests.deployment import APPLY_JOURNEY, Deployment, PrivateRedis, wait_for  # noqa: E402

REDIS_DOWN = 20
DRAIN_LIMIT = 120
ERROR_SCREENS = {"END " + text(language, "ussd.error") for language in LANGUAGES}


class Load:
    """Threads offering USSD journeys and SMS; what each request got is counted here."""

    def __init__(self, deployment, threads, pause):
        self.deployment = deployment
        self.threads = threads
        self.pause = pause
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latencies = []
        self.statuses = collections.Counter()
        self.error_screens = 0
        self.applied = set()  # numbers told "You applied"
        self.texted = set()  # numbers whose HELP was taken (200)
        self.numbers = itertools.count(1)

    def run(self):
        workers = [threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(self.threads)]
        for worker in workers:
            worker.start()
        return workers

    def _loop(self, thread):
        while not self.stop.is_set():
            number = next(self.numbers)
            if thread % 4 == 3:
                msisdn = f"+8559756{number:05d}"
                status, _ = self._timed(lambda: self.deployment.sms(msisdn, "HELP", f"soak-{uuid.uuid4().hex}"), False)
                if status == 200:
                    with self.lock:
                        self.texted.add(msisdn)
            else:
                msisdn = f"+8551256{number:05d}"
                session = f"soak-{uuid.uuid4().hex}"
                screen = None
                for step in APPLY_JOURNEY:
                    status, screen = self._timed(lambda: self.deployment.ussd(session, msisdn, step), True)
                    if status != 200 or screen in ERROR_SCREENS:
                        break
                if screen and screen.startswith("END You applied"):
                    with self.lock:
                        self.applied.add(msisdn)
            self.stop.wait(self.pause)

    def _timed(self, call, ussd):
        started = time.perf_counter()
        try:
            status, body = call()
        except OSError:
            status, body = 599, ""
        with self.lock:
            self.statuses[status] += 1
            if ussd:
                self.latencies.append(time.perf_counter() - started)
                self.error_screens += body in ERROR_SCREENS
        return status, body


def soak(database_url, duration, threads, pause):
    """One soak run; returns (figures, missed targets)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="bp-soak-"))
    redis = PrivateRedis(folder)
    redis.start()
    stub = ATStub().start()
    service = Deployment(folder, database_url, redis.url, stub.url)
    service.prepare()
    with service.app.app_context():
        before = {row.id for row in OutboundMessage.select(OutboundMessage.id)}
    try:
        service.start_web(workers=2)
        supervisor = service.start_worker(processes=2)
        load = Load(service, threads, pause)
        started = time.monotonic()
        load.run()
        time.sleep(duration / 3)
        redis.kill()
        print(f"  {time.monotonic() - started:5.1f}s redis-server killed", flush=True)
        time.sleep(REDIS_DOWN / 2)
        children = subprocess.run(["pgrep", "-P", str(supervisor.pid)], capture_output=True, text=True).stdout.split()
        os.kill(int(children[0]), signal.SIGKILL)
        print(f"  {time.monotonic() - started:5.1f}s worker pid {children[0]} SIGKILLed", flush=True)
        time.sleep(REDIS_DOWN / 2)
        redis.start()
        returned = time.monotonic()
        print(f"  {returned - started:5.1f}s redis-server back, empty", flush=True)
        time.sleep(max(0.0, duration - (returned - started)))
        load.stop.set()
        time.sleep(2)
        expected = load.applied | load.texted

        def pending():
            with service.app.app_context():
                return (OutboundMessage.select()
                        .where(OutboundMessage.status == "queued", OutboundMessage.id.not_in(before)).count())

        drained = wait_for(lambda: pending() == 0, DRAIN_LIMIT, every=0.5)
        out_after = time.monotonic() - returned
        with service.app.app_context():
            recorded = {msisdn for (msisdn,) in Application.select(Seeker.msisdn).join(Seeker).tuples()}
            statuses = collections.Counter(
                row.status for row in OutboundMessage.select().where(OutboundMessage.id.not_in(before))
            )
            in_flight = {row.msisdn for row in OutboundMessage.select().where(
                OutboundMessage.status.in_(("sending", "unknown")), OutboundMessage.id.not_in(before))}
        received = collections.Counter()
        for message, recipients in stub.sms_sent():
            for msisdn in recipients:
                received[(msisdn, message)] += 1
        got = {msisdn for msisdn, _ in received}
        lost_applications = load.applied - recorded
        lost_sms = {msisdn for msisdn in expected - got if msisdn not in in_flight}
        duplicated = sum(count - 1 for count in received.values() if count > 1)
        latencies = sorted(load.latencies)
        figures = {
            "ussd requests": len(latencies),
            "p50 ms": 1000 * statistics.median(latencies),
            "p99 ms": 1000 * latencies[int(len(latencies) * 0.99) - 1],
            "applications told": len(load.applied),
            "HELP texts taken": len(load.texted),
            "USSD error screens": load.error_screens,
            "5xx": sum(count for status, count in load.statuses.items() if status >= 500),
            "applications lost": len(lost_applications),
            "SMS lost": len(lost_sms),
            "SMS duplicated": duplicated,
            "in flight when the worker died (sending/unknown)": len(in_flight),
            "outbox": dict(statuses),
            "all out after Redis returned (s)": round(out_after, 1) if drained else f"not within {DRAIN_LIMIT}",
        }
        missed = [name for name in ("USSD error screens", "5xx", "applications lost", "SMS lost", "SMS duplicated")
                  if figures[name]]
        if not drained:
            missed.append("pending messages out within 2 minutes")
        return figures, missed
    finally:
        service.stop_all()
        stub.stop()
        if redis.process.poll() is None:
            redis.kill()


def postgres_database(server_url):
    """A throw-away database on the server of `server_url`: (url, drop)."""
    name = "bp_soak_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")

    def drop():
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()

    return urlunparse(urlparse(server_url)._replace(path="/" + name)), drop


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of offered load per database")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--threads", type=int, default=8, help="load threads (one in four texts, the rest dial)")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds each thread waits between walks")
    args = parser.parse_args()
    failed = False
    for database in args.databases.split(","):
        drop = None
        if database == "sqlite":
            url = f"sqlite:///{tempfile.mkdtemp(prefix='bp-soak-db-')}/soak.db"
        else:
            url, drop = postgres_database(os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
        print(f"{database}: {args.duration:.0f}s of load, Redis down {REDIS_DOWN}s, one worker SIGKILLed", flush=True)
        try:
            figures, missed = soak(url, args.duration, args.threads, args.pause)
        finally:
            if drop:
                drop()
        for name, value in figures.items():
            print(f"  {name:50} {value:.1f}" if isinstance(value, float) else f"  {name:50} {value}")
        print(f"  targets {'MISSED: ' + ', '.join(missed) if missed else 'met'}", flush=True)
        failed = failed or bool(missed)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
