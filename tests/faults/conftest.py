"""Fixtures for the fault-injection tests: a private redis-server and a deployment in processes of its own."""
import shutil

import pytest

from tests.atstub import at_stub  # noqa: F401 - pytest fixture
from tests.deployment import Deployment, PrivateRedis


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: apt-get install redis-server")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


@pytest.fixture
def deployment(tmp_path, database_url, private_redis, at_stub):  # noqa: F811
    """A prepared deployment on SQLite and on PostgreSQL; its processes are started by the test and killed after."""
    service = Deployment(tmp_path, database_url, private_redis.url, at_stub.url)
    service.prepare()
    yield service
    service.stop_all()
