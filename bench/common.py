"""What the worker-side benches share: a fresh SQLite file, the app pointed at the local AT stub, the SDK's rate."""
import logging
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from africastalking.Service import validate_phone  # noqa: E402

from app import create_app  # noqa: E402
from core.platform.config import load_config  # noqa: E402


def fresh_database(name):
    """<BENCH_DIR or var/bench>/<name>, emptied (with its WAL files)."""
    folder = pathlib.Path(os.environ.get("BENCH_DIR") or ROOT / "var" / "bench")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def make_app(database_path, redis_url, stub_url, **sections):
    """The app on `database_path`, sending through the AT gateway to the stub at `stub_url`."""
    overrides = {
        "database": {"url": f"sqlite:///{database_path}"},
        "redis": {"url": redis_url},
        "app": {"secret_key": "bench-secret", "public_url": "http://127.0.0.1"},  # a real gateway backend refuses the public default
        "gateway": {"backend": "africastalking", "callback_token": "bench"},
        "africastalking": {"username": "sandbox", "api_key": "bench-key", "api_url": stub_url},
        **sections,
    }
    app = create_app(load_config(path=str(pathlib.Path(tempfile.gettempdir()) / "absent-bench.ini"), overrides=overrides))
    logging.getLogger().setLevel(logging.WARNING)
    return app


def sdk_rate(stub_url, calls, recipients_of):
    """Recipients per second of the SDK's requests at the stub: SMSService.send(text, recipients_of(n)), n < calls.

    Made here as africastalking 2.0.3's SMSService.send makes them (its validate_phone on each number, then one
    requests.post of its form and headers, the JSON answer decoded): the SDK has no public setting for the server it
    calls, so pointing the SDK itself at the stub would mean writing its private attributes.
    """
    import time

    import requests

    headers = {"Accept": "application/json", "User-Agent": "africastalking-python/2.0.0", "apiKey": "bench-key"}
    sent = 0
    started = time.perf_counter()
    for n in range(calls):
        recipients = recipients_of(n)
        if not all(validate_phone(msisdn) for msisdn in recipients):
            raise ValueError("the SDK refuses a batch with an invalid number")
        form = {"username": "sandbox", "to": ",".join(recipients), "message": f"Bench message {n}", "bulkSMSMode": 1}
        response = requests.post(stub_url + "/version1/messaging", headers=headers, data=form, timeout=30)
        response.raise_for_status()
        response.json()
        sent += len(recipients)
    return sent / (time.perf_counter() - started)
