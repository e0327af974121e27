"""Login state in the database, on SQLite and PostgreSQL: the lockout exact under parallel guesses and working while
Redis is down, and the session version that logout bumps."""
import re
import shutil
import socket
import subprocess
import threading
import time

import pytest
import requests
from redis import Redis

from admin.auth import MAX_FAILURES
from tests.admin.conftest import PASSWORD, csrf_token, login
from tests.browser import serving
from tests.conftest import make_config, running_app

GUESSES = 30


@pytest.fixture
def config(tmp_path, database_url):
    return make_config(tmp_path, database_url)


@pytest.fixture
def server(app):
    """The app behind a real threaded WSGI server, so guesses really run at the same time."""
    with serving(app) as url:
        yield url


def test_parallel_guesses_get_exactly_the_allowed_number(server, accounts):
    page = requests.get(f"{server}/admin/login", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    start = threading.Barrier(GUESSES)
    statuses = []

    def guess(number):
        start.wait()
        response = requests.post(
            f"{server}/admin/login",
            data={"email": accounts["admin"], "password": f"guess {number}", "csrf_token": token},
            cookies=page.cookies, allow_redirects=False, timeout=60,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [401] * MAX_FAILURES + [429] * (GUESSES - MAX_FAILURES)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_login_and_lockout_work_while_redis_is_down(tmp_path, database_url):
    from core.platform.models import Staff
    from tests.admin.conftest import password_hash

    port = _free_port()
    redis_server = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        redis = Redis(port=port)
        for _ in range(100):
            try:
                redis.ping()
                break
            except Exception:
                time.sleep(0.05)
        config = make_config(tmp_path, database_url, redis={"url": f"redis://127.0.0.1:{port}/0"})
        with running_app(config) as app:
            Staff.create(email="admin@example.org", password_hash=password_hash(), role="admin")
            Staff.create(email="viewer@example.org", password_hash=password_hash(), role="viewer")
            redis_server.kill()
            redis_server.wait()
            with pytest.raises(Exception):
                redis.ping()
            client = app.test_client()
            response = login(client, "admin@example.org", PASSWORD)
            assert response.status_code == 302, response.get_data(as_text=True)[:500]
            assert client.get("/admin/").status_code == 200
            for _ in range(MAX_FAILURES):
                assert login(app.test_client(), "viewer@example.org", "wrong guess").status_code == 401
            assert login(app.test_client(), "viewer@example.org").status_code == 429
    finally:
        if redis_server.poll() is None:
            redis_server.kill()
            redis_server.wait()


def test_logout_ends_a_copied_session(app, accounts):
    client = app.test_client()
    login(client, accounts["viewer"])
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/admin/").status_code == 200
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert copy.get("/admin/").status_code == 302


def _from(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_a_lockout_holds_for_the_address_that_failed_not_for_everyone(app, accounts):
    for _ in range(MAX_FAILURES):
        assert login(_from(app, "10.0.0.1"), accounts["admin"], "wrong guess").status_code == 401
    assert login(_from(app, "10.0.0.1"), accounts["admin"]).status_code == 429  # even with the right password
    assert login(_from(app, "10.0.0.2"), accounts["admin"]).status_code == 302  # the staff member, elsewhere


def test_many_addresses_guessing_one_account_leave_its_own_address_a_way_in(app, accounts):
    from admin.auth import MAX_ACCOUNT_FAILURES

    assert login(_from(app, "10.0.9.9"), accounts["admin"]).status_code == 302  # the staff member's own address
    for number in range(MAX_ACCOUNT_FAILURES):
        assert login(_from(app, f"10.1.0.{number}"), accounts["admin"], "wrong guess").status_code == 401
    assert login(_from(app, "10.1.1.1"), accounts["admin"], "wrong guess").status_code == 429
    assert login(_from(app, "10.1.1.2"), accounts["admin"]).status_code == 429  # a new address, even if right
    assert login(_from(app, "10.0.9.9"), accounts["admin"]).status_code == 302


def test_each_lockout_of_an_address_lasts_twice_the_last(app, accounts):
    import datetime

    from core.platform.models import LoginThrottle, Tally, utcnow

    key = f"login-locked:{accounts['admin']}|10.0.0.1"
    long_ago = utcnow() - datetime.timedelta(minutes=15, seconds=1)
    lengths = []
    for _lockout in range(3):
        for _ in range(MAX_FAILURES + 1):
            login(_from(app, "10.0.0.1"), accounts["admin"], "wrong guess")
        until = Tally.until(key)
        lengths.append(15 if until is None else round((until - utcnow()) / datetime.timedelta(minutes=1)))
        LoginThrottle.update(window_start=long_ago).execute()  # 15 minutes pass
        if until is not None:
            assert login(_from(app, "10.0.0.1"), accounts["admin"]).status_code == 429  # not long enough now
            Tally.update(expires_at=utcnow()).where(Tally.key == key).execute()  # the whole hold passes
    assert lengths == [15, 30, 60]  # the first lockout is the 15-minute window itself
    assert login(_from(app, "10.0.0.1"), accounts["admin"]).status_code == 302
