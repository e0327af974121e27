"""GET /healthz reports the database, Redis and the queue."""
from core import runtime
from core.outbox import send_messages


def test_healthz_reports_components_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["database"] == "up" and body["redis"] == "up" and body["status"] == "ok"
    assert body["queue"]["depth"] == 0 and body["queue"]["failed"] == 0


def test_healthz_counts_queue_depth(client):
    runtime.Runtime.queue.enqueue(send_messages, [1])
    assert client.get("/healthz").get_json()["queue"]["depth"] == 1


def test_healthz_says_when_redis_is_down(client, monkeypatch):
    from redis import Redis

    monkeypatch.setattr(runtime.Runtime, "redis", Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["redis"].startswith("down")
