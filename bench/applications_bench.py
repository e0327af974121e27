"""Applications drain: N applications queued as the USSD apply step queues them, recorded by the worker. Prints rates.

1. Record: one `flask worker` worker (cli.OutboxWorker) runs core.applications.record_queued_applications on N
   intents pushed on bp:applications:queued: application rows, referral credit, sponsored-slot counts, and the two
   SMS of each application written to the outbox and enqueued. Target: >= 1,000 applications/s.
2. Send: the same worker sends what that queued through the AT gateway to the local AT-compatible server
   (tests/atstub.ATStub), against the SDK's own rate at one recipient per call (most of these texts differ).

SQLite (a fresh file under var/bench/) and the Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/9, flushed).
    .venv/bin/python bench/applications_bench.py [--applications 20000] [--seekers 100000] [--jobs 50]
"""
import argparse
import os
import pathlib
import sqlite3
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from common import fresh_database, make_app, sdk_rate  # noqa: E402

from cli import OutboxWorker  # noqa: E402
from core import applications, runtime  # noqa: E402
from core.db import upgrade_schema  # noqa: E402
from core.models import Application, Employer, Job, OutboundMessage, SponsoredSlot, db, utcnow  # noqa: E402
from tests.atstub import ATStub  # noqa: E402


def seed(seekers, jobs):
    """`seekers` seekers; `jobs` live jobs of verified employers, the first one sponsored today."""
    with db.atomic():
        db.execute_sql(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO seeker (msisdn, language, home_province_id, reach, alerts_on, referral_code, alerts_today,
                                created_at)
            SELECT printf('+8559%08d', i), CASE i % 10 WHEN 0 THEN 'en' WHEN 1 THEN 'km' ELSE 'km-Latn' END,
                   1 + i % 25, 'near', 1, printf('R%08d', i), 0, datetime('now')
            FROM n
            """,
            (seekers,),
        )
        for n in range(jobs):
            boss = Employer.create(msisdn=f"+8551260{n:04d}", name=f"Employer {n}", status="verified")
            job = Job.create(ref=f"J{5000 + n}", employer=boss, category=1 + n % 12, province=1 + n % 25,
                             title=f"Operators {n}", wage_amount=250, status="live", published_at=utcnow())
            if n == 0:
                SponsoredSlot.create(job=job, starts_on=utcnow().date(), ends_on=utcnow().date())


def push_intents(count, seekers, jobs):
    """As the USSD apply step does: one intent per application, distinct (job, seeker) pairs."""
    redis = runtime.Runtime.redis
    items = [
        applications.intent(f"J{5000 + i % jobs}", f"+8559{1 + i % seekers:08d}", "ussd", i % 2 == 0)
        for i in range(count)
    ]
    for start in range(0, count, 10_000):
        redis.rpush(applications.QUEUED_KEY, *items[start:start + 10_000])


def work(max_jobs=None):
    """One worker of `flask worker` (cli.OutboxWorker), `max_jobs` jobs or until the queue is empty."""
    OutboxWorker([runtime.Runtime.queue], connection=runtime.Runtime.redis).work(
        burst=True, max_jobs=max_jobs, logging_level="WARNING"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=50)
    args = parser.parse_args()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    database_path = fresh_database("applications.db")

    with ATStub() as stub:
        app = make_app(database_path, redis_url, stub.url)
        with app.app_context():
            runtime.Runtime.redis.flushdb()
            upgrade_schema()
            seed(args.seekers, args.jobs)
            push_intents(args.applications, args.seekers, args.jobs)
            runtime.enqueue(applications.record_queued_applications)
            db.close()
            # Web processes keep the database open in a deployment; without one, SQLite would checkpoint the WAL
            # each time a worker job closes the last connection.
            keep_open = sqlite3.connect(database_path)
            keep_open.execute("SELECT 1 FROM seeker LIMIT 1").fetchall()

            started = time.perf_counter()
            work(max_jobs=1)
            recording = time.perf_counter() - started
            send_jobs = len(runtime.Runtime.queue)
            started = time.perf_counter()
            work()
            sending = time.perf_counter() - started
            keep_open.close()

            db.connect(reuse_if_open=True)
            recorded = Application.select().count()
            sent = OutboundMessage.select().where(OutboundMessage.status == "sent").count()
            slot = SponsoredSlot.get().applications
            assert recorded == args.applications, (recorded, args.applications)
            assert sent == 2 * recorded, (sent, 2 * recorded)
            assert runtime.Runtime.redis.llen(applications.QUEUED_KEY) == 0
            calls = len(stub.sms_sent())
            print(f"record: {recorded:,} applications (sponsored slot counted {slot:,}) and their {sent:,} SMS "
                  f"queued as {send_jobs:,} send jobs in {recording:.2f}s = {recorded / recording:,.0f} "
                  f"applications/s (target >= 1,000/s)")
            reference = sdk_rate(stub.url, 1000, lambda n: [f"+8559{n:08d}"])
            print(f"send: {sent:,} SMS in {calls:,} gateway calls in {sending:.1f}s = {sent / sending:,.0f} SMS/s, "
                  f"{calls / sending:,.0f} calls/s; SDK alone at 1 recipient per call: {reference:,.0f} calls/s -> "
                  f"ratio {calls / sending / reference:.2f}x")


if __name__ == "__main__":
    main()
