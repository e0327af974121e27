"""POST /ussd through Flask with a real Redis: token, malformed requests, replay, resume, flush, apply end to end."""
import time

import pytest
from rq import SimpleWorker

from core.jobs import slots
from core.platform import runtime
from core.platform.demo import seed_demo
from core.jobs.models import Application, SponsoredSlot
from core.outbound.models import OutboundMessage
from core.seekers.models import Seeker
from tests import ussd_store
from tests.conftest import make_config, running_app
from ussd import views

PHONE = "+85512345001"


@pytest.fixture
def ussd_app(tmp_path, database_url, redis):
    with running_app(make_config(tmp_path, database_url)) as app:
        seed_demo(password_file=str(tmp_path / "login.txt"))
        Seeker.get_or_create_by_msisdn("+85512345999", language="en", home_province=8)
        ussd_store.reset()
        yield app


@pytest.fixture
def dial(ussd_app):
    client = ussd_app.test_client()

    def post(text, session_id="s1", msisdn=PHONE, token="test-token"):
        data = dict(sessionId=session_id, serviceCode="*855#", phoneNumber=msisdn, networkCode="45601", text=text)
        response = client.post(f"/ussd?token={token}", data=data)
        assert response.status_code in (200, 403)
        return response

    return post


def body(response):
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return response.get_data(as_text=True)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_wrong_or_missing_token_is_refused_and_changes_nothing(dial, redis):
    before = sorted(redis.keys())
    assert dial("", token="wrong").status_code == 403
    assert dial("", token="").status_code == 403
    assert sorted(redis.keys()) == before


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "fields",
    [dict(sessionId="", phoneNumber=PHONE), dict(sessionId="s9", phoneNumber="not a number"), dict(sessionId="s9")],
)
def test_malformed_requests_get_a_polite_end(ussd_app, fields):
    response = ussd_app.test_client().post("/ussd?token=test-token", data=dict(fields, text=""))
    assert body(response).startswith("END ")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_engine_failure_is_a_polite_end_not_a_500(dial, monkeypatch):
    monkeypatch.setattr(views.Sessions, "answer", lambda *args: 1 / 0)
    assert body(dial("")).startswith("END ")


def drain():
    """Run the queued jobs like `work`, on this test's own app (the `work` fixture builds another app)."""
    ussd_store.flush()
    SimpleWorker([runtime.current().queue], connection=runtime.current().redis).work(burst=True)


def test_apply_end_to_end_records_once_and_queues_two_sms(dial, ussd_app):
    assert "Phiesa / Language" in body(dial(""))
    assert "Find jobs" in body(dial("3"))
    steps = ["3*1", "3*1*1", "3*1*1*2", "3*1*1*2*2", "3*1*1*2*2*1", "3*1*1*2*2*1*1"]
    for text in steps:
        assert body(dial(text)).startswith("CON ")
    final = body(dial("3*1*1*2*2*1*1*1"))
    assert final.startswith("END You applied for")
    assert body(dial("3*1*1*2*2*1*1*1")) == final  # AT replays the request: same screen, nothing repeated
    with ussd_app.app_context():
        # Committed before told: the application and its two SMS are rows before the phone shows "You applied".
        assert Application.select().join(Seeker).where(Seeker.msisdn == PHONE).count() == 1
        assert {m.status for m in OutboundMessage.select()} == {"queued"}
        drain()
        seeker = Seeker.get(Seeker.msisdn == PHONE)
        assert seeker.language == "en"
        assert Application.select().where(Application.seeker == seeker).count() == 1
        messages = list(OutboundMessage.select().order_by(OutboundMessage.id))
        assert [m.kind for m in messages] == ["confirmation", "notice"]
        assert messages[0].msisdn == PHONE
        assert {m.status for m in OutboundMessage.select()} == {"sent"}
    assert body(dial("1*1*2*2*1*1*1", session_id="again")).startswith("END You already applied")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_replay_returns_the_same_screen(dial):
    first = body(dial("", msisdn="+85512345999"))
    again = body(dial("", msisdn="+85512345999"))
    assert first == again
    step = body(dial("1", msisdn="+85512345999"))
    assert body(dial("1", msisdn="+85512345999")) == step


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_flushed_redis_mid_session_is_rebuilt_from_text(dial, redis):
    msisdn = "+85512345999"
    for text in ["", "1", "1*1"]:
        expected = body(dial(text, session_id="kept", msisdn=msisdn))
    redis.flushdb()
    rebuilt = body(dial("1*1*1", session_id="lost", msisdn=msisdn))  # unknown to this process and to Redis
    assert rebuilt == body(dial("1*1*1", session_id="kept", msisdn=msisdn))
    assert "Garment & factory, Kandal" in rebuilt
    ussd_store.reset()
    assert "Where?" in expected


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_dialing_again_after_a_drop_offers_to_continue(dial):
    msisdn = "+85512345999"
    body(dial("", session_id="a", msisdn=msisdn))
    body(dial("1", session_id="a", msisdn=msisdn))
    where = body(dial("1*1", session_id="a", msisdn=msisdn))
    offer = body(dial("", session_id="b", msisdn=msisdn))
    assert "Continue where you left off?" in offer
    assert body(dial("1", session_id="b", msisdn=msisdn)) == where
    assert body(dial("1*1", session_id="b", msisdn=msisdn)).startswith("CON Garment & factory, Kandal")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_finished_session_is_not_offered_again(dial):
    msisdn = "+85512345999"
    body(dial("", session_id="a", msisdn=msisdn))
    body(dial("5", session_id="a", msisdn=msisdn))
    body(dial("5*00", session_id="a", msisdn=msisdn))
    assert "Continue" not in body(dial("", session_id="b", msisdn=msisdn))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_navigation_reads_redis_at_most_once_and_counts_sponsored_slots(dial, ussd_app, redis):
    msisdn = "+85512345999"
    store = views.sessions()
    before = store.round_trips
    body(dial("", msisdn=msisdn))
    # A seeker who chose a language, with nothing to resume: the one read of the resume record, and the start record
    # written in the background (any process rebuilds the same from the database).
    assert store.round_trips - before == 1
    body(dial("1", msisdn=msisdn))
    before = store.round_trips
    body(dial("1*1", msisdn=msisdn))
    assert store.round_trips == before  # this process answered the last step: nothing to read
    store.local.clear()  # as if another web process had answered it
    listing = body(dial("1*1*1", msisdn=msisdn))
    assert store.round_trips - before == 1
    assert "[AD]" in listing.split("\n")[1]
    with ussd_app.app_context():
        slot = SponsoredSlot.get()
    store.writer.flush()
    assert int(redis.get(slots.impressions_key(slot.id))) == 1
    body(dial("1*1*1*1", msisdn=msisdn))
    body(dial("1*1*1*1", msisdn=msisdn))  # a replay counts nothing twice
    store.writer.flush()
    assert int(redis.get(slots.views_key(slot.id))) == 1


def test_the_background_writer_delivers_without_being_asked(dial, ussd_app, redis):
    msisdn = "+85512345999"
    body(dial("", session_id="w", msisdn=msisdn))
    body(dial("1", session_id="w", msisdn=msisdn))
    deadline = time.monotonic() + 2
    while redis.get(f"bp:ussd:last:{msisdn}") is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert b'"jobs.category"' in redis.get(f"bp:ussd:last:{msisdn}")


def test_a_doubled_recording_request_records_once(dial, ussd_app):
    steps = ["", "3", "3*1", "3*1*1", "3*1*1*2", "3*1*1*2*2", "3*1*1*2*2*1", "3*1*1*2*2*1*1"]
    for text in steps:
        body(dial(text, session_id="twice"))
    store = views.sessions()
    final = body(dial("3*1*1*2*2*1*1*1", session_id="twice"))
    store.local.clear()  # the same request again, reaching another web process
    assert body(dial("3*1*1*2*2*1*1*1", session_id="twice")) == final
    with ussd_app.app_context():
        drain()
        assert Application.select().count() == 4  # the demo's three, and this one
        assert OutboundMessage.select().count() == 2


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_alerts_are_saved_and_confirmed_by_sms(dial, ussd_app):
    msisdn = "+85512345999"
    for text in ["", "3", "3*2", "3*2*1", "3*2*1*2", "3*2*1*2*2"]:
        assert body(dial(text, msisdn=msisdn)).startswith("CON ")
    assert body(dial("3*2*1*2*2*1", msisdn=msisdn)).startswith("END Alerts on")
    with ussd_app.app_context():
        seeker = Seeker.get(Seeker.msisdn == msisdn)
        assert (seeker.home_province_id, seeker.reach, seeker.alerts_on) == (2, "near", True)
        assert [t.category_id for t in seeker.trades] == [1]
        assert OutboundMessage.get(OutboundMessage.msisdn == msisdn).kind == "confirmation"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_share_with_a_friend_queues_one_invitation(dial, ussd_app):
    msisdn = "+85512345999"
    body(dial("", msisdn=msisdn))
    body(dial("6", msisdn=msisdn))
    assert "Not a Cambodian mobile" in body(dial("6*123", msisdn=msisdn))
    assert body(dial("6*123*012345678", msisdn=msisdn)).startswith("END Thank you! We sent 012345678")
    with ussd_app.app_context():
        assert OutboundMessage.get().kind == "invite"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_any_request_through_the_endpoint_gets_a_screen_within_budget(ussd_app, caplog):
    """The session layer too (splitting `text`, rebuilding, resuming), not only the pure engine."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from core.text.gsm import fits_ussd

    keys = st.sampled_from(["1", "2", "3", "4", "7", "0", "00", "98", "99", "", "#", "012345678", "ក", "\x00", "x" * 50])
    texts = st.lists(keys, max_size=12).map("*".join)

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(steps=st.lists(texts, min_size=1, max_size=4), session=st.sampled_from(["a", "b", "c"]),
           msisdn=st.sampled_from(["+85512345999", "+85512345001", "+855970000001"]))
    def check(steps, session, msisdn):
        for text in steps:
            reply = views.answer({"sessionId": session, "phoneNumber": msisdn, "text": text})
            assert reply.startswith(("CON ", "END ")), reply
            assert fits_ussd(reply[4:]), reply

    check()
    # The endpoint turns a failure into a polite END: make sure none happened behind one.
    assert "ussd step failed" not in caplog.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("default, hint", [("en", "Please choose a number below."),
                                           ("km-Latn", "Som chreus lekh khang krom.")])
def test_a_new_seeker_is_greeted_in_the_configured_default_language(tmp_path, database_url, redis, default, hint):
    config = make_config(tmp_path, database_url, app={"default_language": default})
    with running_app(config) as app:
        ussd_store.reset()
        client = app.test_client()

        def dial(text, **fields):
            data = dict(dict(sessionId="new", serviceCode="*855#", phoneNumber="+85512777666", text=text), **fields)
            return body(client.post("/ussd?token=test-token", data=data))

        # Until they choose, a new seeker reads the deployment's language: the question's hint, and the apology.
        assert dial("").startswith("CON Phiesa / Language:")
        assert dial("9") == f"CON {hint}\nPhiesa / Language:\n1. Khmer (aksar Latin)\n2. Khmer (aksar Khmer)\n3. English"
        english = default == "en"
        assert (dial("", phoneNumber="not a number") == "END Sorry, we could not read that. Please dial again.") == english


def test_send_me_this_by_sms_is_capped_per_session_and_says_so(dial, ussd_app):
    """The probe appended "*2" a hundred times in one session: 100 SMS rows. Now [caps] job_sms_per_session."""
    base = "3*1*1*2*2"
    for text in ["", "3", "3*1", "3*1*1", "3*1*1*2", base]:
        body(dial(text, session_id="many"))
    screens = [body(dial(base + "*2" * count, session_id="many")) for count in range(1, 6)]
    assert ["Sent to you by SMS." in screen for screen in screens] == [True, True, False, False, False]
    assert all("SMS limit reached: not sent." in screen for screen in screens[2:])
    assert OutboundMessage.select().where(OutboundMessage.kind == "job_sms").count() == 2
    body(dial(base + "*2" * 5, session_id="many"))  # a refused step replayed sends nothing either
    assert OutboundMessage.select().where(OutboundMessage.kind == "job_sms").count() == 2


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_navigation_and_a_sponsored_jobs_count_run_no_sql_statement(dial, ussd_app):
    """The hot path: once a session has started, moving through the menus (and opening a sponsored job, which
    core.contacts.runner counts in Redis) sends the database nothing, not even a BEGIN."""
    from core.platform.models import db

    msisdn = "+85512345999"
    body(dial("", msisdn=msisdn))
    statements = []
    with ussd_app.app_context():
        db.connection().set_trace_callback(statements.append)
    try:
        for text in ("1", "1*1", "1*1*1", "1*1*1*1", "1*1*1*1*0", "1*1*1*1*0*00"):
            body(dial(text, msisdn=msisdn))
    finally:
        with ussd_app.app_context():
            db.connection().set_trace_callback(None)
    assert statements == []
    views.sessions().writer.flush()
    with ussd_app.app_context():
        assert int(runtime.current().redis.get(slots.views_key(SponsoredSlot.get().id))) == 1
