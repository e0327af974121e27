"""GET /healthz: up or down for anyone; the database, Redis and the queue for staff or with the callback token."""
from core.platform import runtime
from core.outbound.outbox import send_messages

DETAILS = "/healthz?token=test-token"


def test_healthz_reports_components_up(client):
    response = client.get(DETAILS)
    assert response.status_code == 200
    body = response.get_json()
    assert body["database"] == "up" and body["redis"] == "up" and body["status"] == "ok"
    assert body["queue"]["depth"] == 0 and body["queue"]["failed"] == 0


def test_healthz_counts_queue_depth(client):
    runtime.current().queue.enqueue(send_messages, [1])
    assert client.get(DETAILS).get_json()["queue"]["depth"] == 1


def test_healthz_says_when_redis_is_down(client, monkeypatch):
    from redis import Redis

    monkeypatch.setattr(runtime.current(), "redis", Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    response = client.get(DETAILS)
    assert response.status_code == 503
    assert response.get_json()["redis"].startswith("down")
    public = client.get("/healthz")
    assert public.status_code == 503 and public.get_json() == {"status": "down"}


def test_public_healthz_says_only_up(client):
    """Queue depths and error classes tell an outsider what to attack: only staff or the gateway token see them."""
    assert client.get("/healthz").get_json() == {"status": "up"}
    assert client.get("/healthz?token=wrong").get_json() == {"status": "up"}


def test_staff_see_healthz_details(app, client):
    from core.platform.models import Staff
    from core.platform.staff import hash_password
    from tests.admin.conftest import login

    Staff.create(email="viewer@example.org", password_hash=hash_password("correct horse battery"), role="viewer")
    assert login(client, "viewer@example.org", "correct horse battery").status_code == 302
    assert client.get("/healthz").get_json()["database"] == "up"
