"""The Twilio-compatible gateway, measured against what it is compared with in the same run. Prints ratios.

1. Voice: an applying call over TwiML against the USSD journey's steps, on the same granian server `./run` starts
   (2 WSGI workers), same wrk, same seeded database (100k seekers, 10k live jobs, as ussd_bench.py). Every TwiML
   callback carries a valid X-Twilio-Signature: the calls are walked once in process on a copy of the database to
   learn each step's URL and fields, signed with the auth token, and wrk replays them (bench/twiml_journey.lua),
   each call's answer, keys 1#, 2, 2, 1 (apply), 1 (experienced), 0. Target: calls >= 0.8x the USSD step.
2. SMS drain: rq workers (2 processes, as `flask worker --processes 2`) sending outbox rows through the twilio
   backend to the local Twilio-compatible server (tests/twiliostub.py), against the `twilio` package alone
   (client.messages.create in a loop, in a process of its own) sending to the same server. Target: >= 0.5x.

    .venv/bin/python bench/twilio_bench.py [--duration 8] [--connections 16] [--calls 1500] [--messages 3000]
Redis DB 8 is flushed. Not part of ./test.
"""
import argparse
import json
import multiprocessing
import os
import pathlib
import shutil
import sqlite3
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from ussd_bench import (PROJECT, ROOT, TOKEN, Checkpoints, flush, free_port, need, say, seed_project,  # noqa: E402
                        start, stop, wait_for, wrk)

from tests.twiliostub import ACCOUNT_SID, AUTH_TOKEN, TwilioStub  # noqa: E402

WORK = pathlib.Path(os.environ.get("BENCH_DIR") or "/tmp/bp-twilio-bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
USSD_JOURNEY = ROOT / "bench" / "journey.lua"
TWIML_JOURNEY = ROOT / "bench" / "twiml_journey.lua"
KEYS = ("", "1#", "2", "2", "1", "1", "0")
KHMER_VOICE = "Azure.km-KH-SreymomNeural"


def twilio_env(db_path, port, stub_url):
    """The service's environment on the twilio backend, reached at 127.0.0.1:port."""
    return {
        "BONGPHEAK_CONFIG": str(WORK / "absent.ini"),
        "BONGPHEAK_DATABASE_URL": f"sqlite:///{db_path}",
        "BONGPHEAK_REDIS_URL": REDIS_URL,
        "BONGPHEAK_APP_SECRET_KEY": "bench-secret-" + "x" * 20,
        "BONGPHEAK_APP_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "BONGPHEAK_GATEWAY_BACKEND": "twilio",
        "BONGPHEAK_GATEWAY_CALLBACK_TOKEN": TOKEN,
        "BONGPHEAK_TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "BONGPHEAK_TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "BONGPHEAK_TWILIO_API_URL": stub_url,
        "BONGPHEAK_TWILIO_SMS_FROM": "+85523900001",
        "BONGPHEAK_TWILIO_VOICE_FROM": "+85523900000",
        "BONGPHEAK_TWILIO_VOICE_KM": KHMER_VOICE,
    }


def signed_calls(db_path, port, stub_url, calls):
    """Walk `calls` inbound calls in process on a copy of the database; [[(path?query, body, signature)]]."""
    from urllib.parse import urlencode, urlsplit
    from xml.etree import ElementTree

    from twilio.request_validator import RequestValidator

    copy = WORK / "walk.db"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{copy}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(db_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    os.environ.update(twilio_env(copy, port, stub_url))
    from app import create_app

    app = create_app()
    client, validator = app.test_client(), RequestValidator(AUTH_TOKEN)
    root = f"http://127.0.0.1:{port}"
    walks = []
    for n in range(calls):
        msisdn = f"+85512{n * 61 % 100000:07d}"  # seeded seekers, spread over the 100k
        fields = {"CallSid": f"CAbench{n:08d}", "AccountSid": ACCOUNT_SID, "From": msisdn, "To": "+85523900000",
                  "Direction": "inbound", "CallStatus": "in-progress", "ApiVersion": "2010-04-01"}
        url, steps = f"{root}/voice?token={TOKEN}", []
        for key in KEYS:
            body = dict(fields, **({"Digits": key.rstrip("#")} if key else {}))
            parts = urlsplit(url)
            path = parts.path + "?" + parts.query
            signature = validator.compute_signature(url, body)
            response = client.post(path, data=body, headers={"X-Twilio-Signature": signature}, base_url=root)
            assert response.status_code == 200, response.status_code
            steps.append((path, urlencode(body), signature))
            gather = ElementTree.fromstring(response.data).find("Gather")
            if gather is None:
                break
            url = gather.get("action")
        walks.append(steps)
    return walks


def lua_calls(walks, path):
    """The walks as a Lua file twiml_journey.lua loads."""
    def lua(text):
        return json.dumps(text)  # a JSON string of ASCII is a valid Lua string

    lines = ["return {"]
    for steps in walks:
        lines.append("{" + ",".join(f"{{p={lua(p)},b={lua(b)},s={lua(s)}}}" for p, b, s in steps) + "},")
    lines.append("}")
    path.write_text("\n".join(lines))


def voice(args, stub_url):
    need("wrk", "apt-get update && apt-get install -y wrk")
    say("seeding 100,000 seekers and 10,000 jobs (SQLite) ...")
    db_path = WORK / "project.db"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seed_project(db_path)
    (WORK / "project_wsgi.py").write_text(PROJECT)
    port = free_port()
    say(f"walking {args.calls} signed calls in process to learn their URLs ...")
    lua_calls(signed_calls(db_path, port, stub_url, args.calls), WORK / "twiml_calls.lua")
    env = dict(os.environ, PYTHONPATH=f"{ROOT}:{WORK}", **twilio_env(db_path, port, stub_url))
    granian = [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--workers", "2", "--blocking-threads", "1",
               "--runtime-mode", "st", "--http", "1", "--no-ws", "--no-access-log", "--log-level", "warning"]
    results = {}
    checkpoints = Checkpoints(db_path)
    for label, script, path, extra in (
        ("USSD journey (7 steps, 1 application)", USSD_JOURNEY, f"/ussd?token={TOKEN}", {}),
        ("TwiML call (7 signed callbacks, 1 application)", TWIML_JOURNEY, f"/voice?token={TOKEN}",
         {"TWIML_CALLS": str(WORK / "twiml_calls.lua")}),
    ):
        flush(REDIS_URL)
        checkpoints.truncate()
        process = start(granian + ["--port", str(port), "project_wsgi:app"], env, ROOT)
        try:
            wait_for(port)
            time.sleep(1.0)
            with checkpoints.running():
                wrk(port, script, path, 2, args.connections, extra)
                rps, p99, errors = wrk(port, script, path, args.duration, args.connections, extra)
        finally:
            stop(process)
        results[label] = (rps, p99)
        say(f"{label:48s} {rps:9.0f} req/s   p99 {p99:7.2f} ms" + (f"   NON-2xx {errors}" if errors else ""))
    (ussd_rps, ussd_p99), (twiml_rps, twiml_p99) = results.values()
    say(f"TwiML call / USSD steps: throughput {twiml_rps / ussd_rps:5.2f}x (target >= 0.8x)   p99 "
        f"{twiml_p99 / ussd_p99:5.2f}x")


def _package_alone(stub_url, count, out):
    import logging

    from twilio.http.http_client import TwilioHttpClient

    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)  # as quiet as the service's client
    from twilio.rest import Client

    client = Client(ACCOUNT_SID, AUTH_TOKEN, http_client=TwilioHttpClient(timeout=10))
    client.api.base_url = stub_url
    started = time.perf_counter()
    for n in range(count):
        client.messages.create(to=f"+85597{n:07d}", from_="+85523900001", body="Bench message",
                               status_callback="http://127.0.0.1:9/sms/delivery")
    out.put(count / (time.perf_counter() - started))


def _burst():
    from worker import run_worker

    run_worker(burst=True)


def drain(args, stub):
    """Outbox rows through 2 rq worker processes and the twilio backend, against the package alone."""
    from common import fresh_database

    database_path = fresh_database("twilio-drain.db")
    os.environ.update(twilio_env(database_path, 9, stub.url))  # reports go nowhere: nothing listens on port 9
    os.environ["BONGPHEAK_OUTBOX_WAKEUP_BATCH_MS"] = "0"
    from app import create_app
    from core.outbound import outbox
    from core.platform import runtime
    from core.platform.db import upgrade_schema
    from core.outbound.models import OutboundMessage
    from core.platform.models import db, utcnow

    app = create_app()
    with app.app_context():
        runtime.current().redis.flushdb()
        upgrade_schema()
        with db.atomic():
            rows = outbox.add_many([{"msisdn": f"+85597{n:07d}", "text": "Bench message", "kind": "alert"}
                                    for n in range(args.messages)])
        db.close()
        keep_open = sqlite3.connect(database_path)
        keep_open.execute("SELECT 1 FROM seeker LIMIT 1").fetchall()
        started_at = utcnow()
        outbox.dispatch(rows)
        context = multiprocessing.get_context("fork")
        processes = [context.Process(target=_burst) for _ in range(args.workers)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        keep_open.close()
        db.connect(reuse_if_open=True)
        sent = OutboundMessage.select().where(OutboundMessage.status == "sent").count()
        assert sent == args.messages, f"only {sent} of {args.messages} sent"
        last = OutboundMessage.select(OutboundMessage.sent_at).order_by(OutboundMessage.sent_at.desc()).get().sent_at
        seconds = (last - started_at).total_seconds()
    ours = sent / seconds
    queue = context.Queue()
    alone = context.Process(target=_package_alone, args=(stub.url, args.messages, queue))
    alone.start()
    reference = queue.get()
    alone.join()
    say(f"drain with {args.workers} workers: {sent:,} SMS in {seconds:.1f}s = {ours:,.0f}/s; the twilio package alone: "
        f"{reference:,.0f}/s -> ratio {ours / reference:.2f}x (target >= 0.5x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--calls", type=int, default=1500)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("voice", "drain"))
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    (WORK / "server.log").write_text("")
    import ussd_bench

    ussd_bench.WORK = WORK
    with TwilioStub() as stub:
        if args.only != "drain":
            voice(args, stub.url)
        if args.only != "voice":
            drain(args, stub)


if __name__ == "__main__":
    sys.exit(main())
