"""A deployment in processes of its own, as `./run` starts it (granian web, `flask worker`), on a private
`redis-server` and a local gateway (the AT-compatible or the Twilio-compatible stub), so a test or the soak bench can
kill, stop and restart the real components."""
import contextlib
import os
import pathlib
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from redis import Redis
from rq import Worker
from rq.job import Job

import tasks
from app import create_app
from core.platform import runtime
from core.platform.config import load_config
from core.platform.demo import seed_demo
from core.platform.models import db
from tests import ussd_store

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOKEN = "fault-token"
# A new seeker's walk to an application on the demo data: English, find jobs, ..., apply, experienced, confirm.
APPLY_JOURNEY = ["", "3", "3*1", "3*1*1", "3*1*1*2", "3*1*1*2*2", "3*1*1*2*2*1", "3*1*1*2*2*1*1", "3*1*1*2*2*1*1*1"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout, every=0.1):
    """Poll `condition` until it is true (returns its value) or `timeout` seconds pass (returns the last value)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


class PrivateRedis:
    """A redis-server of this test's own, which the test may kill and start again (empty: it keeps nothing)."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        client = Redis.from_url(self.url)
        assert wait_for(lambda: _pings(client), 10), "redis-server did not start"

    def kill(self):
        self.process.kill()
        self.process.wait()


def _pings(client):
    try:
        return client.ping()
    except Exception:
        return False


class Deployment:
    """The service's processes on one config file; the test process reads the same database through `app`."""

    def __init__(self, directory, database_url, redis_url, stub, **sections):
        """`stub`: the ATStub or TwilioStub the deployment's gateway is (its URL, for the soak bench's AT stub)."""
        self.port = free_port()
        self.stub = stub if not isinstance(stub, str) else None
        self.twilio = hasattr(self.stub, "sign")
        values = {
            "app": {"secret_key": "fault-secret-" + "x" * 40, "public_url": f"http://127.0.0.1:{self.port}"},
            "database": {"url": database_url},
            "redis": {"url": redis_url, "prefix": "fault"},
            "gateway": {"backend": "africastalking", "callback_token": TOKEN},
            "africastalking": {"username": "sandbox", "api_key": "test-key", "voice_number": "+85523900000",
                               "api_url": stub if isinstance(stub, str) else stub.url},
            "alerts": {"quiet_hours": "00:00-00:00"},
        }
        if self.twilio:
            from tests.twiliostub import ACCOUNT_SID, AUTH_TOKEN

            values["gateway"]["backend"] = "twilio"
            values["twilio"] = {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "api_url": stub.url,
                                "sms_from": "+85523900001", "voice_from": "+85523900000"}
        for section, extra in sections.items():
            values.setdefault(section, {}).update(extra)
        self.config_path = directory / "config.ini"
        self.config_path.write_text(
            "".join(f"[{section}]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items()) for section, keys in values.items())
        )
        self.env = {**os.environ, "BONGPHEAK_CONFIG": str(self.config_path)}
        self.processes = []
        self.app = create_app(load_config(path=str(self.config_path)))

    def prepare(self):
        """Schema, reference data (by `flask db upgrade`, as ./run does) and the demo data."""
        subprocess.run([ROOT / ".venv/bin/flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=self.env, check=True,
                       capture_output=True)
        with self.app.app_context():
            seed_demo(password_file=str(self.config_path.with_name("login.txt")))

    def start_web(self, workers=2):
        process = self._spawn([str(ROOT / "scripts" / "serve")], PORT=str(self.port), WEB_WORKERS=str(workers))
        assert wait_for(lambda: self._answers(), 30), "the web server did not start"
        return process

    def start_worker(self, processes=1):
        return self._spawn([str(ROOT / ".venv/bin/flask"), "--app", "app", "worker", "--processes", str(processes)])

    def kill(self, process, sig=signal.SIGKILL):
        """Signal a process (and, for SIGKILL, everything it started: the web server's workers)."""
        with contextlib.suppress(ProcessLookupError):
            if sig == signal.SIGKILL:
                os.killpg(process.pid, sig)
            else:
                os.kill(process.pid, sig)
        process.wait(timeout=90)

    def post(self, path, form):
        """(status, body) of one POST, as the gateway sends it (signed, on a Twilio-compatible gateway)."""
        data = urllib.parse.urlencode(form).encode()
        url = f"http://127.0.0.1:{self.port}{path}?token={TOKEN}"
        headers = {"X-Twilio-Signature": self.stub.sign(url, form)} if self.twilio else {}
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def ussd(self, session_id, msisdn, text):
        return self.post("/ussd", {"sessionId": session_id, "serviceCode": "*855#", "phoneNumber": msisdn,
                                   "networkCode": "45601", "text": text})

    def sms(self, msisdn, text, provider_id):
        """An incoming SMS, in the gateway's fields; (status, body)."""
        if self.twilio:
            return self.post("/sms/inbound", {"MessageSid": provider_id, "From": msisdn, "To": "+85523900001",
                                              "Body": text, "NumMedia": "0"})
        return self.post("/sms/inbound", {"from": msisdn, "to": "2855", "text": text, "date": "2026-11-30 05:00:00",
                                          "id": provider_id, "linkId": "", "networkCode": "45601"})

    def report(self, gateway_id, delivered, msisdn):
        """A delivery report, in the gateway's fields; (status, body)."""
        if self.twilio:
            return self.post("/sms/delivery", {"MessageSid": gateway_id, "MessageStatus": "delivered" if delivered
                                               else "undelivered", "To": msisdn, "ErrorCode": ""})
        return self.post("/sms/delivery", {"id": gateway_id, "status": "Success" if delivered else "Failed",
                                           "phoneNumber": msisdn, "failureReason": ""})

    def sms_answer(self):
        """What the gateway's SMS callback answers once it is taken: nothing for AT, empty TwiML for Twilio."""
        return '<?xml version="1.0" encoding="UTF-8"?><Response/>' if self.twilio else ""

    def apply(self, session_id, msisdn):
        """Walk APPLY_JOURNEY; returns the last screen."""
        for text in APPLY_JOURNEY:
            status, screen = self.ussd(session_id, msisdn, text)
            assert status == 200, screen
        return screen

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)
        ussd_store.close(self.app)
        if not db.is_closed():
            db.close()

    def log_of(self, process):
        """What a process this deployment started has logged so far (its stderr)."""
        return self.config_path.with_name(f"process-{self.processes.index(process)}.log").read_text(errors="replace")

    def finished(self, function):
        """Ids of the runs of a scheduler's job (tasks.periodic_jobs) that a worker finished, as rq records them."""
        with self.app.app_context():
            queue = runtime.current().queue
            jobs = Job.fetch_many(queue.finished_job_registry.get_job_ids(), connection=queue.connection)
            return {job.id for job in jobs if job is not None and job.description == tasks.name(function)}

    def workers(self):
        """The rq workers at work on this deployment's queue."""
        with self.app.app_context():
            return Worker.all(queue=runtime.current().queue)

    def _spawn(self, command, **env):
        with open(self.config_path.with_name(f"process-{len(self.processes)}.log"), "wb") as log:
            process = subprocess.Popen(command, cwd=ROOT, env={**self.env, **env}, start_new_session=True,
                                       stdout=subprocess.DEVNULL, stderr=log)
        self.processes.append(process)
        return process

    def _answers(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered (perhaps "unhealthy" while Redis is down)
        except OSError:
            return False
