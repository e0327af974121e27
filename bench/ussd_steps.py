"""Where a USSD step's microseconds go: the journey driven in process, each step's time split by component.

    .venv/bin/python bench/ussd_steps.py [--walks 600]

Seeds the same SQLite file as ussd_bench.py (100k seekers, 10k live jobs; under /tmp/bp-ussd-steps), builds the app
with create_app as `./run` does, and calls its WSGI callable directly (no HTTP server, no wrk) with the journey of
bench/journey.lua: home -> jobs near me -> trade -> details -> apply -> experience -> confirm, a random seeded seeker
per walk, every application committed. Each component is timed by wrapping the function that does it (its own time,
without the components it calls), so the columns of a step add up to the step. Redis DB 10 is flushed. Figures are
per step, in microseconds, on this machine now: compare rows with each other, not with another day's run.
"""
import argparse
import collections
import io
import os
import pathlib
import random
import sys
import threading
import time
from urllib.parse import urlencode

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from ussd_bench import seed_project  # noqa: E402

WORK = pathlib.Path("/tmp/bp-ussd-steps")
REDIS_URL = "redis://127.0.0.1:6379/10"
STEPS = ["", "2", "2*1", "2*1*1", "2*1*1*1", "2*1*1*1*1", "2*1*1*1*1*1"]
NAMES = ["dial (home)", "jobs near me", "trade", "details", "apply", "experience", "confirm (commits)"]


class Clock:
    """Own time per (label, step): a wrapped call's time minus the wrapped calls inside it."""

    def __init__(self):
        self.spent = collections.defaultdict(float)
        self.stack = []
        self.step = 0
        self.thread = threading.get_ident()

    def wrap(self, owner, name, label):
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            if threading.get_ident() != self.thread:  # the session writer's background thread: not a step's time
                return inner(*args, **kwargs)
            self.stack.append(0.0)
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                took = time.perf_counter() - started
                children = self.stack.pop()
                self.spent[label, self.step] += took - children
                if self.stack:
                    self.stack[-1] += took

        setattr(owner, name, timed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--walks", type=int, default=600)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    db_path = WORK / "project.db"
    for suffix in ("-wal", "-shm"):
        pathlib.Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    print("seeding 100,000 seekers and 10,000 jobs (SQLite) ...", flush=True)
    seed_project(db_path)
    os.environ.update(
        BONGPHEAK_CONFIG=str(WORK / "absent.ini"), BONGPHEAK_DATABASE_URL=f"sqlite:///{db_path}",
        BONGPHEAK_REDIS_URL=REDIS_URL, BONGPHEAK_GATEWAY_CALLBACK_TOKEN="bench", BONGPHEAK_GATEWAY_BACKEND="console",
    )
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()

    import callbacks
    from app import create_app
    from core.outbound import outbox
    from core.platform import runtime
    from core.seekers import applications
    from core.contacts.models import UssdStep
    from core.jobs.models import Job
    from core.platform.models import db
    from core.seekers.models import Seeker
    from ussd import engine, sessions, views

    app = create_app()
    clock = Clock()
    # Outermost first; each label's figure is its own time only.
    clock.wrap(views, "wsgi_form", "form parsing")
    clock.wrap(callbacks, "token_ok", "form parsing")
    clock.wrap(sessions, "load_profile", "profile read (SQL)")
    clock.wrap(type(runtime.services_of(app).redis), "execute_command", "Redis round trips")
    clock.wrap(engine, "begin", "engine (pure)")
    clock.wrap(engine, "step", "engine (pure)")
    clock.wrap(engine, "settle", "engine (pure)")
    clock.wrap(engine, "render", "screen render (pure)")
    clock.wrap(Job, "by_ref", "apply: reads (SQL)")
    clock.wrap(Seeker, "applicant", "apply: reads (SQL)")
    clock.wrap(applications, "apply", "apply: inserts (SQL)")
    clock.wrap(outbox, "dispatch", "queue wake-up")
    clock.wrap(UssdStep, "record", "reply row (SQL)")
    clock.wrap(type(db.obj), "begin", "BEGIN + writer queue")
    clock.wrap(type(db.obj), "commit", "COMMIT")
    clock.wrap(sessions.Sessions, "_after", "after (local cache)")
    clock.wrap(app, "wsgi_app", "WSGI glue + rest")  # the whole request, less everything above

    seekers = random.Random(7).sample(range(100_000), args.walks + 50)  # each applies once: no "already applied"
    run = str(time.time())

    def walk(number):
        msisdn = "+85512%07d" % seekers[number]
        for index, text in enumerate(STEPS):
            clock.step = index
            body = urlencode(dict(sessionId=f"s{run}-{number}", serviceCode="*855#", phoneNumber=msisdn,
                                  networkCode="45601", text=text)).encode()
            environ = {
                "REQUEST_METHOD": "POST", "PATH_INFO": "/ussd", "QUERY_STRING": "token=bench",
                "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
                "wsgi.input": io.BytesIO(body), "SERVER_NAME": "bench", "SERVER_PORT": "80", "wsgi.url_scheme": "http",
            }
            reply = b"".join(app.wsgi_app(environ, lambda status, headers, exc_info=None: None))
        if not reply.startswith(b"END You applied"):
            sys.exit(f"the journey did not end in an application: {reply!r}")

    for number in range(args.walks, args.walks + 50):  # warm caches, connections and the snapshot
        walk(number)
    clock.spent.clear()
    for number in range(args.walks):
        walk(number)
    with runtime.bound(runtime.services_of(app)):
        views.sessions().writer.flush()

    labels = list(dict.fromkeys(label for label, _ in clock.spent))
    print(f"\nµs per step, own time of each component, mean of {args.walks} walks (columns are steps)\n")
    print(f"{'component':26}" + "".join(f"{n[:11]:>12}" for n in NAMES) + f"{'mean':>10}")
    totals = [0.0] * len(STEPS)
    for label in labels:
        row = [clock.spent[label, index] / args.walks * 1e6 for index in range(len(STEPS))]
        totals = [t + r for t, r in zip(totals, row)]
        print(f"{label:26}" + "".join(f"{value:12.0f}" for value in row) + f"{sum(row) / len(row):10.0f}")
    print(f"{'step total':26}" + "".join(f"{value:12.0f}" for value in totals) + f"{sum(totals) / len(totals):10.0f}")


if __name__ == "__main__":
    main()
