"""The phone simulator: staff dial the USSD menu and text the short code as any number, exactly as the gateway would.

The browser posts to this view (logged in, CSRF-checked), and the view hands the gateway's own fields to the real
`/ussd` and `/sms/inbound` endpoints in-process. So the callback token never reaches a browser, and a simulator
request never waits for a second web worker (a sync worker calling its own server over HTTP can deadlock).

It acts as the configured test numbers only (`[simulator] test_numbers`): texting or dialing as a real person would
post jobs in a real employer's name, apply or opt out for a real seeker. An admin may act as a real number by saying
so in the request; that act is audited first, and every audit event it causes names the admin acting as that number.
"""
import secrets

from flask import current_app, jsonify, request
from flask_admin import expose
from flask_login import current_user
from werkzeug.test import EnvironBuilder, run_wsgi_app

from admin.display import message_text
from admin.views import StaffView
from core.platform import runtime
from core.jobs.models import Employer
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent, utcnow
from core.text.phone import normalise_msisdn

NETWORK_CODE = "45606"  # Smart Axiata: any Cambodian operator code will do for the menus
MAX_TEXT = 1000


def call_gateway_endpoint(path, fields, headers=None, **query):
    """POST `fields` form-encoded to one of this app's callback endpoints with the token (and any other `query`
    parameters, as the gateway sends them back); (status code, body text)."""
    token = runtime.current().config["gateway"]["callback_token"]
    builder = EnvironBuilder(path=path, method="POST", query_string={"token": token, **query}, data=fields,
                             base_url=request.host_url, headers=headers)
    try:
        app_iter, status, _headers = run_wsgi_app(current_app.wsgi_app, builder.get_environ(), buffered=True)
        body = b"".join(app_iter)
    finally:
        builder.close()
    if hasattr(app_iter, "close"):
        app_iter.close()
    return int(status.split()[0]), body.decode("utf-8", "replace")


SAMPLE_SEEKER = "+85597700000"


def test_ranges(config):
    """[(first, last)] from `[simulator] test_numbers` ("+855…-+855…, …"); ends of one range have the same length."""
    ranges = []
    for part in config.get_list("simulator", "test_numbers"):
        first, _, last = (end.strip() for end in part.partition("-"))
        ranges.append((first, last or first))
    return ranges


def is_test_number(msisdn, config):
    """True if the simulator may act as `msisdn` without an admin's say-so."""
    return any(
        len(msisdn) == len(first) == len(last) and first <= msisdn <= last  # same length: text order is number order
        for first, last in test_ranges(config)
    )


def acting_refused(msisdn, channel, text):
    """None if this request may act as `msisdn` (auditing an admin acting as a real number), else a JSON refusal."""
    if is_test_number(msisdn, runtime.current().config):
        return None
    if not (current_user.can("admin") and request.form.get("act_as_real") == "1"):
        return jsonify(error="That is a real number, not a test number. Only an admin may act as a real number, "
                             "by ticking \"act as a real number\"; it is audited."), 403
    AuditEvent.create(actor=current_user.email, action="simulator.act_as", target_type="msisdn", target_id=msisdn,
                      after={"channel": channel, "text": text})
    return None


class SimulatorView(StaffView):
    """A feature phone in the browser. Dialing creates sessions and applications, so it is a moderator's tool."""

    read_role = "moderator"
    write_role = "moderator"

    @expose("/")
    def index(self):
        config = runtime.current().config
        verified = Employer.select().where(Employer.status == "verified").order_by(Employer.id).limit(100)
        employer = next((row for row in verified if is_test_number(row.msisdn, config)), None)
        return self.render(
            "staff/simulator.html",
            ussd_code=config.deployment().ussd_code,
            short_code=config["africastalking"]["short_code"],
            # Not a stored seeker's number: dialing as a real person would send them real SMS.
            sample_seeker=SAMPLE_SEEKER,
            sample_employer=employer.msisdn if employer else "",
            may_act_as_real=current_user.can("admin"),
        )

    @expose("/ussd", methods=("POST",))
    def ussd(self):
        msisdn = normalise_msisdn(request.form.get("msisdn"))
        session_id = request.form.get("session_id", "")[:64] or "SIM" + secrets.token_hex(8)
        text = request.form.get("text", "")[:MAX_TEXT]
        if msisdn is None:
            return jsonify(error="Type a valid phone number, e.g. 097 700 0000."), 400
        refused = acting_refused(msisdn, "ussd", text)
        if refused is not None:
            return refused
        with AuditEvent.on_behalf(current_user.email):
            status, body = call_gateway_endpoint("/ussd", {
                "sessionId": session_id,
                "serviceCode": runtime.current().config.deployment().ussd_code,
                "phoneNumber": msisdn,
                "networkCode": NETWORK_CODE,
                "text": text,
            })
        if status != 200:
            return jsonify(error=f"The USSD endpoint answered HTTP {status}.", status=status), 502
        return jsonify(reply=body, session_id=session_id, msisdn=msisdn)

    @expose("/sms", methods=("POST",))
    def sms(self):
        msisdn = normalise_msisdn(request.form.get("msisdn"))
        text = request.form.get("text", "")[:MAX_TEXT]
        if msisdn is None:
            return jsonify(error="Type a valid phone number, e.g. 012 600 101."), 400
        if not text.strip():
            return jsonify(error="Type the text of the SMS."), 400
        refused = acting_refused(msisdn, "sms", text)
        if refused is not None:
            return refused
        short_code = runtime.current().config["africastalking"]["short_code"]
        with AuditEvent.on_behalf(current_user.email):
            status, _body = call_gateway_endpoint("/sms/inbound", {
                "from": msisdn,
                "to": short_code,
                "text": text,
                "date": utcnow().isoformat(timespec="milliseconds") + "Z",
                "id": "SIM" + secrets.token_hex(12),
                "linkId": "",
                "networkCode": NETWORK_CODE,
            })
        if status != 200:
            return jsonify(error=f"The SMS endpoint answered HTTP {status}.", status=status), 502
        return jsonify(ok=True, msisdn=msisdn)

    @expose("/inbox")
    def inbox(self):
        msisdn = normalise_msisdn(request.args.get("msisdn"))
        if msisdn is None or not (is_test_number(msisdn, runtime.current().config) or current_user.can("admin")):
            return jsonify(messages=[])  # a real person's messages are not a moderator's to read
        messages = (
            OutboundMessage.select()
            .where(OutboundMessage.msisdn == msisdn)
            .order_by(OutboundMessage.id.desc())
            .limit(30)
        )
        return jsonify(messages=[
            {
                "id": m.id,
                # Employer notices carry applicants' numbers: masked here like everywhere outside the job's page.
                "text": message_text(m),
                "kind": m.kind,
                "status": m.status,
                "at": m.created_at.strftime("%H:%M:%S"),
            }
            for m in messages
        ])
