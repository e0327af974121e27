"""Voice bench: callbacks per second of a whole inbound call against the USSD journey's steps, same server, same wrk.

    .venv/bin/python bench/voice_bench.py [--duration 8] [--connections 16]

Seeds 100k seekers and 10k live jobs into a fresh SQLite file (as ussd_bench.py does), serves the project on granian
(2 WSGI workers), and drives it with wrk: the USSD journey (bench/journey.lua, 7 steps, one application), a voice
call (bench/voice_journey.lua, 7 callbacks, one application) and a voice call that only moves through the menu.
Prints requests/s, p99 and the ratios voice/USSD (target >= 0.8x). Redis DB 8 is flushed. Not part of ./test.
The WAL is checkpointed as the worker does (see Checkpoints). Figures, and what each part of an applying callback
costs: bench/README.md, the voice section.
"""
import argparse
import os
import pathlib
import sys
import time

from ussd_bench import (PROJECT, ROOT, TOKEN, Checkpoints, flush, free_port, need, say, seed_project, start, stop,
                        wait_for, wrk)

WORK = pathlib.Path(os.environ.get("BENCH_DIR") or "/tmp/bp-voice-bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
USSD_JOURNEY = ROOT / "bench" / "journey.lua"
VOICE_JOURNEY = ROOT / "bench" / "voice_journey.lua"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    need("wrk", "apt-get update && apt-get install -y wrk")
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "server.log").write_text("")
    import ussd_bench

    ussd_bench.WORK = WORK  # where start() writes the server log
    say("seeding 100,000 seekers and 10,000 jobs (SQLite) ...")
    db_path = WORK / "project.db"
    for suffix in ("-wal", "-shm"):
        pathlib.Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    seed_project(db_path)
    (WORK / "project_wsgi.py").write_text(PROJECT)
    env = dict(
        os.environ,
        PYTHONPATH=f"{ROOT}:{WORK}",
        BONGPHEAK_CONFIG=str(WORK / "absent.ini"),
        BONGPHEAK_DATABASE_URL=f"sqlite:///{db_path}",
        BONGPHEAK_REDIS_URL=REDIS_URL,
        BONGPHEAK_GATEWAY_CALLBACK_TOKEN=TOKEN,
        BONGPHEAK_GATEWAY_BACKEND="console",
    )
    granian = [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "--workers", "2", "--blocking-threads", "1",
               "--runtime-mode", "st", "--http", "1", "--no-ws", "--no-access-log", "--log-level", "warning"]
    results = {}
    checkpoints = Checkpoints(db_path)
    for label, script, path, extra in (
        ("USSD journey (7 steps, 1 application)", USSD_JOURNEY, f"/ussd?token={TOKEN}", {}),
        ("voice call (7 callbacks, 1 application)", VOICE_JOURNEY, f"/voice?token={TOKEN}", {}),
        ("voice call, menu only (7 callbacks, no write)", VOICE_JOURNEY, f"/voice?token={TOKEN}",
         {"VOICE_KEYS": "1#,2,2,5,2,2"}),
    ):
        flush(REDIS_URL)
        checkpoints.truncate()  # each run starts from the same empty write-ahead log
        port = free_port()
        process = start(granian + ["--port", str(port), "project_wsgi:app"], env, ROOT)
        try:
            wait_for(port)
            time.sleep(1.0)
            with checkpoints.running():
                wrk(port, script, path, 2, args.connections, extra)  # warm-up: caches, connections
                rps, p99, errors = wrk(port, script, path, args.duration, args.connections, extra)
        finally:
            stop(process)
        results[label] = (rps, p99)
        say(f"{label:45s} {rps:9.0f} req/s   p99 {p99:7.2f} ms" + (f"   NON-2xx {errors}" if errors else ""))
    (ussd_rps, ussd_p99), *voice = results.values()
    say(f"\nat {args.connections} connections, {args.duration}s each, granian with 2 workers; target: voice >= 0.8x USSD")
    for label, (voice_rps, voice_p99) in zip(list(results)[1:], voice):
        say(f"{label:45s} / USSD steps: throughput {voice_rps / ussd_rps:5.2f}x   p99 {voice_p99 / ussd_p99:5.2f}x")


if __name__ == "__main__":
    sys.exit(main())
