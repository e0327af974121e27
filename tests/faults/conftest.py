"""Fixtures for the fault-injection tests: a private redis-server and a deployment in processes of its own."""
import shutil

import pytest

from tests.atstub import ATStub
from tests.deployment import Deployment, PrivateRedis
from tests.twiliostub import TwilioStub


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: apt-get install redis-server")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


@pytest.fixture(params=["at", "twilio"])
def stub(request):
    """The local gateway, Africa's Talking's look-alike or Twilio's: every fault is tried against both."""
    server = (ATStub() if request.param == "at" else TwilioStub()).start()
    yield server
    server.stop()


@pytest.fixture
def deployment(tmp_path, database_url, private_redis, stub):
    """A prepared deployment on SQLite and on PostgreSQL, on each gateway; its processes are started by the test and
    killed after."""
    service = Deployment(tmp_path, database_url, private_redis.url, stub)
    service.prepare()
    yield service
    service.stop_all()
