"""Slow or stalled clients cannot freeze the service: on the web processes `./run` starts (scripts/serve, 2 workers),
20 connections that send half a request and wait (headers cut short, or a body shorter than its Content-Length)
leave /ussd answering, each step within a second, while they stay open; they are answered 408 or dropped within a
few seconds. Before front.py, two such connections stopped /healthz, /ussd, /sms and /voice for over a minute."""
import socket
import time

import pytest

from tests.atstub import ATStub
from tests.deployment import Deployment, wait_for

SLOW = 20
DRIVE_SECONDS = 8  # longer than the server's 5 s header and body deadlines: the slow connections are met both ways


@pytest.fixture
def service(tmp_path, sqlite_url, private_redis):
    stub = ATStub().start()
    deployment = Deployment(tmp_path, sqlite_url, private_redis.url, stub)
    deployment.prepare()
    deployment.start_web(workers=2)
    yield deployment
    deployment.stop_all()
    stub.stop()


def slow_connection(port, kind):
    connection = socket.create_connection(("127.0.0.1", port))
    if kind == "body":  # whole headers, then 8 of 1,000 bytes of body
        connection.sendall(b"POST /jobs/J1101/share HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                           b"\r\nContent-Length: 1000\r\n\r\nfriend=1")
    else:  # headers that never end
        connection.sendall(b"POST /ussd?token=fault-token HTTP/1.1\r\nHost: x\r\nContent-Le")
    connection.settimeout(0.2)
    return connection


def closed_or_answered(connection):
    """What the server did with a slow connection so far: its answer's status line, "closed", or None (still open)."""
    try:
        data = connection.recv(200)
    except socket.timeout:
        return None
    except OSError:
        return "closed"
    return data.split(b"\r\n", 1)[0].decode() if data else "closed"


def test_ussd_answers_within_a_second_while_slow_connections_are_open(service):
    slow = [slow_connection(service.port, "body" if index % 2 else "headers") for index in range(SLOW)]
    try:
        started, steps = time.monotonic(), 0
        while time.monotonic() - started < DRIVE_SECONDS:
            for text in ("", "3", "3*1", "3*1*1"):
                before = time.monotonic()
                status, screen = service.ussd(f"slow-{steps}", "+85597712345", text)
                took = time.monotonic() - before
                assert status == 200 and screen.startswith("CON"), screen
                assert took < 1.0, f"a USSD step took {took:.2f} s with {SLOW} slow connections open"
                steps += 1
        assert steps > 20
        # Each slow connection was answered (408: its body was too slow) or dropped (its headers were too slow).
        outcomes = [wait_for(lambda connection=connection: closed_or_answered(connection), 10) for connection in slow]
        assert all(outcomes), outcomes
        assert {outcome for outcome, connection in zip(outcomes, slow)} <= {"HTTP/1.1 408 Request Timeout", "closed"}
        assert sum(outcome.startswith("HTTP/1.1 408") for outcome in outcomes) == SLOW // 2
    finally:
        for connection in slow:
            connection.close()


def test_a_body_larger_than_any_request_is_refused_before_it_is_read(service):
    connection = socket.create_connection(("127.0.0.1", service.port), timeout=5)
    connection.sendall(b"POST /ussd?token=fault-token HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n")
    assert connection.recv(200).startswith(b"HTTP/1.1 413")
    connection.close()
