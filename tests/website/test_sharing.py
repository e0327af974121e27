"""Passing a job on from the site: a call or an SMS to a friend under REF's and CALL's rules, placed through the
real AT SDK against the local AT-compatible server, on SQLite and PostgreSQL, with the checks against bots, once a code
texted to the sharer's number proves the number is theirs."""
import datetime
import html
import re
import time

import pytest
from itsdangerous import TimestampSigner
from markupsafe import escape

from core.platform import runtime
from core.text.i18n import text
from core.jobs.models import Application, Job, Referral
from core.outbound.models import Call, OutboundMessage
from core.platform.models import LoginThrottle, utcnow
from core.seekers.models import Seeker, ShareCode
from core.text.phone import normalise_msisdn
from tests.atstub import at_stub  # noqa: F401 - pytest fixture
from tests.voice.conftest import Phone, drain, job, spoken, voice_app  # noqa: F401 - pytest fixtures

SHARER = "+85597700001"
FRIEND = "+85597799999"
HIDDEN = re.compile(r'name="(csrf_token|token)" value="([^"]+)"')
CODE_PAGE = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')
CODE = re.compile(r"\b(\d{6})\b")


@pytest.fixture
def site(voice_app):
    """A browser's view of the site: CSRF checked as in production, English, forms that may be sent at once."""
    runtime.current().config["site"]["form_min_seconds"] = "0"
    runtime.current().config["site"]["shares_per_address"] = "100"  # tested on its own below
    runtime.current().config["site"]["codes_per_hour"] = "100"  # tested on its own below
    client = voice_app.test_client()
    client.get("/language/en?next=/")
    return client


def form_of(client, ref="J5001", how="call"):
    """The hidden fields of a freshly drawn share form."""
    response = client.get(f"/jobs/{ref}/share?how={how}")
    assert response.status_code == 200
    return dict(HIDDEN.findall(response.get_data(as_text=True)))


def ask(client, how="call", friend="097 799 999", sharer="097 700 001", name="Dara", relation="friend",
        ref="J5001", addr="10.0.0.1", **extra):
    """Fill in and send the share form as a person would (from `addr`): the code page, or the form with errors."""
    fields = dict(form_of(client, ref, how), how=how, friend=friend, sharer=sharer, name=name, relation=relation,
                  website="")
    fields.update(extra)
    return client.post(f"/jobs/{ref}/share", data=fields, environ_base={"REMOTE_ADDR": addr})


def code_sent(msisdn=SHARER):
    """The code in the last code SMS to `msisdn`, read from the outbox as the phone would read it."""
    message = (OutboundMessage.select()
               .where((OutboundMessage.msisdn == msisdn) & (OutboundMessage.kind == "share_code"))
               .order_by(OutboundMessage.id.desc())
               .first())
    return CODE.search(message.text).group(1)


def post_code_page(client, page, step="confirm", ref="J5001", addr="10.0.0.1", **extra):
    """Send the code page back as its buttons do: the hidden fields it carries, with what `extra` adds."""
    assert page.status_code in (200, 400) and 'name="pending"' in page.get_data(as_text=True)
    fields = {name: html.unescape(value) for name, value in CODE_PAGE.findall(page.get_data(as_text=True))}
    fields.update(step=step, **extra)
    return client.post(f"/jobs/{ref}/share", data=fields, environ_base={"REMOTE_ADDR": addr})


def share(client, sharer="097 700 001", ref="J5001", addr="10.0.0.1", **fields):
    """The whole share: the form, then the code the sharer got by SMS; returns the last response."""
    page = ask(client, sharer=sharer, ref=ref, addr=addr, **fields)
    if page.status_code != 200:
        return page
    return post_code_page(client, page, ref=ref, addr=addr, code=code_sent(normalise_msisdn(sharer)))


def error_on(response, key, **values):
    return str(escape(text("en", key, **values))) in response.get_data(as_text=True)


def test_ask_bong_pheak_to_call_a_friend_places_the_call_and_credits_the_sharer(site, job, drain, at_stub):
    response = share(site, relation="workmate")
    assert response.status_code == 303
    # Told only after the fact: the referral and the call are rows when the page says so.
    referral = Referral.get()
    assert (referral.origin, referral.channel, referral.sharer_name) == ("web", "call", "Dara")
    assert referral.referrer.msisdn == SHARER and referral.referrer.language == "en"
    call = Call.get()
    assert (call.kind, call.msisdn, call.relation, call.referral_id) == ("share", FRIEND, "workmate", referral.id)
    assert text("en", "site.shared.call") in site.get(response.headers["Location"]).get_data(as_text=True)

    drain()
    assert [r["form"]["to"] for r in at_stub.requests if r["path"] == "/call"] == [FRIEND]
    phone = Phone(site, FRIEND, direction="Outbound", session_id=Call.get_by_id(call.id).session_id)
    words = spoken(phone.answer())
    assert "0 9 7 7 0 0 0 0 1" in words and "Sewing operators" in words
    phone.press("1")
    phone.press("2")
    assert Application.get().referrer_id == referral.referrer_id


def test_text_it_to_a_friend_sends_the_referral_sms(site, job, drain, at_stub):
    response = share(site, how="sms", relation="")
    assert response.status_code == 303
    referral = Referral.get()
    assert (referral.origin, referral.channel) == ("web", "sms")
    message = OutboundMessage.get(OutboundMessage.msisdn == FRIEND)
    assert "J5001" in message.text and message.text.startswith("Dara 097700001 sent you a job")
    drain()
    assert [r["form"]["to"] for r in at_stub.requests if r["path"].endswith("/messaging")] == [SHARER, FRIEND]
    assert text("en", "site.shared.sms") in site.get(response.headers["Location"]).get_data(as_text=True)
    # A name in Khmer script would make a romanised (GSM-7) SMS cost twice the segments: the number names them.
    Seeker.get_or_create_by_msisdn("+85597799998", language="km-Latn")
    assert share(site, how="sms", friend="097 799 998", name="ដារ៉ា").status_code == 303
    assert OutboundMessage.get(OutboundMessage.msisdn == "+85597799998").text.startswith("097700001 ")


def test_the_ref_rules_apply_caps_opt_outs_self_and_bad_numbers(site, job, drain):
    assert share(site).status_code == 303
    again = share(site, sharer="097 700 002")  # same friend this week, from someone else
    assert again.status_code == 400 and error_on(again, "site.error.friend_cap")
    assert share(site, friend="097 799 998", how="sms").status_code == 303  # the sharer's second of the day (cap 2)
    capped = share(site, friend="097 799 997")
    assert capped.status_code == 400 and error_on(capped, "site.error.sharer_cap")

    Seeker.get_or_create_by_msisdn("+85597799996")
    Seeker.update(opted_out_at=utcnow()).where(Seeker.msisdn == "+85597799996").execute()
    stopped = share(site, friend="097 799 996", sharer="097 700 003")
    assert stopped.status_code == 400 and error_on(stopped, "site.error.opted_out")
    own = share(site, friend="097 700 003", sharer="097 700 003")
    assert own.status_code == 400 and error_on(own, "site.error.self")
    landline = share(site, friend="023 990 000", sharer="097 700 003")
    assert landline.status_code == 400 and error_on(landline, "site.error.friend")
    assert Referral.select().count() == 2 and Call.select().count() == 1


def test_form_errors_are_shown_on_the_form_and_nothing_is_sent(site, job):
    cases = [
        (dict(sharer="12"), "site.error.sharer"),
        (dict(sharer="023 990 000"), "site.error.sharer"),  # a landline cannot be a sharer we could name
        (dict(friend="hello"), "site.error.friend"),
        (dict(name=""), "site.error.name"),
        (dict(name="x" * 21), "site.error.name"),
        (dict(relation="boss"), "site.error.relation"),
    ]
    for fields, key in cases:
        response = share(site, **fields)
        assert response.status_code == 400 and error_on(response, key), fields
        if "name" not in fields:
            assert 'value="Dara"' in response.get_data(as_text=True)  # what was typed is kept
    assert not Referral.select().exists() and not Seeker.select().exists()


def test_a_closed_job_cannot_be_shared(site, job):
    fields = dict(form_of(site), how="sms", friend="097 799 999", sharer="097 700 001", name="Dara")
    Job.update(status="closed").where(Job.id == job.id).execute()
    assert site.post("/jobs/J5001/share", data=fields).status_code == 410
    assert not Referral.select().exists()


def test_bots_are_refused_without_a_third_party_service(site, voice_app, job, monkeypatch):
    # No CSRF token (a post from another site, a script that never drew the form, or a browser that lost its
    # session cookie): the form again, with what was typed and why.
    fields = dict(how="sms", friend="097 799 999", sharer="097 700 001", name="Dara")
    refused = site.post("/jobs/J5001/share", data=fields)
    assert refused.status_code == 400 and error_on(refused, "site.error.expired")
    assert 'value="097 799 999"' in refused.get_data(as_text=True)
    # The honeypot field, hidden from people, filled.
    assert error_on(share(site, website="http://spam.example"), "site.error.form")
    # A form token missing, forged, or drawn for another job.
    assert error_on(share(site, token="forged"), "site.error.form")
    other = form_of(site, ref="J5001")
    runtime.current().config["site"]["form_min_seconds"] = "3"
    # Sent faster than a person types.
    assert error_on(share(site), "site.error.form")
    runtime.current().config["site"]["form_min_seconds"] = "0"
    # Kept open longer than the form lives: the signing clock (itsdangerous's own hook) a second past its life.
    lives = runtime.current().config.get_int("site", "form_max_minutes") * 60
    later = int(time.time()) + lives + 1
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _signer: later)
    assert error_on(share(site, token=other["token"]), "site.error.expired")
    assert not Referral.select().exists()


def test_one_address_may_ask_for_only_so_many_shares(site, voice_app, job):
    runtime.current().config["site"]["shares_per_address"] = "2"
    runtime.current().config["referrals"]["per_day"] = "10"
    assert share(site, friend="097 799 991").status_code == 303
    assert share(site, friend="097 799 992", sharer="097 700 002").status_code == 303
    refused = share(site, friend="097 799 993", sharer="097 700 003")
    assert refused.status_code == 400 and error_on(refused, "site.error.address_cap")
    # Counted in the database, so the limit holds with Redis down; another address is not held up.
    assert LoginThrottle.get(LoginThrottle.key == "site-share:10.0.0.1").attempts == 3
    assert share(site, friend="097 799 993", sharer="097 700 003", addr="10.0.0.2").status_code == 303
    assert Referral.select().count() == 3


def shared_anything():
    """Whether anything reached, or was set to reach, a friend: a referral, a call, an SMS to another number."""
    return (Referral.select().exists() or Call.select().exists()
            or OutboundMessage.select().where(OutboundMessage.msisdn != SHARER).exists())


def test_the_code_goes_to_the_sharer_and_nothing_to_the_friend_until_it_is_typed(site, job, drain, at_stub):
    page = ask(site, how="sms", relation="")
    assert page.status_code == 200 and "097700001" in page.get_data(as_text=True)
    (message,) = OutboundMessage.select()
    assert (message.msisdn, message.kind) == (SHARER, "share_code")
    code = code_sent()
    assert message.text == text("en", "sms.share_code", service="Bong Pheak", code=code)
    # Kept hashed: the table alone does not give the code away.
    assert code not in ShareCode.get().code_mac
    assert not shared_anything() and not Seeker.select().exists()
    drain()
    assert [r["form"]["to"] for r in at_stub.requests if r["path"].endswith("/messaging")] == [SHARER]

    done = post_code_page(site, page, code=code[:3] + " " + code[3:])  # spaces as people type them are fine
    assert done.status_code == 303 and done.headers["Location"].endswith("/jobs/J5001/shared?how=sms")
    assert Referral.select().count() == 1 and OutboundMessage.select().where(OutboundMessage.msisdn == FRIEND).count() == 1
    # The same code posted again (a double tap, a reload): the same answer, nothing sent again.
    again = post_code_page(site, page, code=code)
    assert again.status_code == 303
    assert Referral.select().count() == 1 and OutboundMessage.select().count() == 2
    assert ShareCode.get().used_at is not None
    wrong = post_code_page(site, page, code=f"{(int(code) + 1) % 10**6:06d}")
    assert wrong.status_code == 400 and error_on(wrong, "site.error.code")
    assert Referral.select().count() == 1 and OutboundMessage.select().count() == 2


def test_a_wrong_code_is_refused_and_after_five_the_code_is_dead(site, job):
    page = ask(site)
    code = code_sent()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        refused = post_code_page(site, page, code=wrong)
        assert refused.status_code == 400 and error_on(refused, "site.error.code")
        assert 'name="friend" value="097 799 999"' in refused.get_data(as_text=True)  # what was typed is kept
    dead = post_code_page(site, page, code=code)
    assert dead.status_code == 400 and error_on(dead, "site.error.code_dead")
    assert error_on(post_code_page(site, page, code="12ab"), "site.error.code")
    assert not shared_anything()
    # A new code, asked for on the same page, works.
    fresh = post_code_page(site, page, step="resend")
    assert fresh.status_code == 200 and text("en", "site.code.resent", msisdn="097700001", minutes=10) in \
        fresh.get_data(as_text=True)
    assert ShareCode.select().count() == 2
    assert post_code_page(site, fresh, code=code_sent()).status_code == 303
    assert Referral.get().referrer.msisdn == SHARER and Call.select().count() == 1


def test_an_expired_code_is_refused_and_a_new_one_can_be_asked_for(site, job):
    page = ask(site)
    code = code_sent()
    ShareCode.update(created_at=utcnow() - datetime.timedelta(minutes=11)).execute()
    expired = post_code_page(site, page, code=code)
    assert expired.status_code == 400 and error_on(expired, "site.error.code_expired")
    assert not shared_anything()
    fresh = post_code_page(site, expired, step="resend")
    assert post_code_page(site, fresh, code=code_sent()).status_code == 303
    assert Referral.select().count() == 1


def test_codes_to_one_number_are_capped(site, voice_app, job):
    runtime.current().config["site"]["codes_per_hour"] = "3"
    page = ask(site)
    page = post_code_page(site, page, step="resend")
    page = post_code_page(site, page, step="resend")
    capped = post_code_page(site, page, step="resend")
    assert capped.status_code == 400 and error_on(capped, "site.error.code_cap")
    assert error_on(ask(site, friend="097 799 998"), "site.error.code_cap")
    assert OutboundMessage.select().count() == 3
    # The last code sent still works, and another number gets its own.
    assert post_code_page(site, capped, code=code_sent()).status_code == 303
    assert ask(site, friend="097 799 998", sharer="097 700 002").status_code == 200
    assert OutboundMessage.select().where(OutboundMessage.msisdn == "+85597700002").count() == 1


def test_a_number_that_sent_stop_gets_no_code(site, voice_app, job):
    Seeker.get_or_create_by_msisdn(SHARER)
    Seeker.update(opted_out_at=utcnow()).where(Seeker.msisdn == SHARER).execute()
    refused = ask(site)
    short_code = runtime.current().config["africastalking"]["short_code"]
    assert refused.status_code == 400 and error_on(refused, "site.error.sharer_stopped", short_code=short_code)
    assert 'value="Dara"' in refused.get_data(as_text=True)
    assert not OutboundMessage.select().exists() and not ShareCode.select().exists()


def test_the_code_page_keeps_what_was_typed_and_refuses_forged_tokens(site, job):
    page = ask(site, name="Sophea")
    edit = post_code_page(site, page, step="edit")
    assert edit.status_code == 200 and 'value="Sophea"' in edit.get_data(as_text=True)
    forged = post_code_page(site, page, pending="forged", code=code_sent())
    assert forged.status_code == 400 and error_on(forged, "site.error.form")
    assert 'value="Sophea"' in forged.get_data(as_text=True)
    other = ask(site, ref="J5001")
    assert post_code_page(site, other, ref="J5001", code=code_sent()).status_code == 303
    # Without the CSRF token (another site posting): the share form again, nothing sent.
    fields = {name: html.unescape(value) for name, value in CODE_PAGE.findall(page.get_data(as_text=True))}
    del fields["csrf_token"]
    lost = site.post("/jobs/J5001/share", data=dict(fields, step="confirm", code=code_sent()))
    assert lost.status_code == 400 and error_on(lost, "site.error.expired") and 'value="Sophea"' in lost.get_data(as_text=True)
    assert Referral.select().count() == 1


def test_a_share_the_rules_refuse_after_the_code_keeps_the_code_unused(site, voice_app, job):
    page = ask(site)
    runtime.current().config["referrals"]["per_day"] = "0"  # the sharer reached the cap since the code went
    refused = post_code_page(site, page, code=code_sent())
    assert refused.status_code == 400 and error_on(refused, "site.error.sharer_cap")
    assert 'value="Dara"' in refused.get_data(as_text=True)
    assert ShareCode.get().used_at is None and not shared_anything()


def test_codes_older_than_a_day_are_forgotten_when_the_next_is_sent(site, job):
    ask(site)
    ShareCode.update(created_at=utcnow() - datetime.timedelta(days=2)).execute()
    ask(site, sharer="097 700 002")
    assert [row.msisdn for row in ShareCode.select()] == ["+85597700002"]


def test_no_code_is_spent_on_a_share_the_caps_refuse(site, voice_app, job):
    assert share(site).status_code == 303  # the friend's one share this week
    at_friend_cap = ask(site, sharer="097 700 002")
    assert at_friend_cap.status_code == 400 and error_on(at_friend_cap, "site.error.friend_cap")
    runtime.current().config["referrals"]["per_day"] = "1"
    at_sharer_cap = ask(site, friend="097 799 998")  # the first sharer's one share today is spent
    assert at_sharer_cap.status_code == 400 and error_on(at_sharer_cap, "site.error.sharer_cap")
    assert [m.msisdn for m in OutboundMessage.select().where(OutboundMessage.kind == "share_code")] == [SHARER]


def test_whether_the_friend_opted_out_is_said_only_after_the_code(site, voice_app, job):
    Seeker.get_or_create_by_msisdn(FRIEND)
    Seeker.update(opted_out_at=utcnow()).where(Seeker.msisdn == FRIEND).execute()
    page = ask(site)
    assert page.status_code == 200 and not error_on(page, "site.error.opted_out")  # the same page as for anyone
    told = post_code_page(site, page, code=code_sent())
    assert told.status_code == 400 and error_on(told, "site.error.opted_out")
    assert not shared_anything()


def test_no_code_is_texted_at_night(site, voice_app, job):
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-23:59"
    night = ask(site)
    assert night.status_code == 400 and error_on(night, "site.error.quiet_hours")
    assert not OutboundMessage.select().exists() and not ShareCode.select().exists()


@pytest.mark.parametrize("name", ["bit.ly/x PAY $5 NOW", "Dara 0977660201", "Pay now", "Dara $5", "www dara com",
                                  "Sok.Dara", "ដារ៉ា ១២", "Dara\nCall 012"])
def test_a_sharers_name_is_letters_and_spaces_only(site, job, name):
    refused = ask(site, name=name)
    assert refused.status_code == 400 and error_on(refused, "site.error.name")
    assert not OutboundMessage.select().exists()


def test_a_name_in_any_script_with_its_marks_passes_tidied(site, job):
    assert share(site, how="sms", relation="", name="  Srey   Mom ").status_code == 303
    assert Referral.get().sharer_name == "Srey Mom"
