"""The phone simulator: staff dial the USSD menu and text the short code as any number, exactly as the gateway would.

The browser posts to this view (logged in, CSRF-checked), and the view hands the gateway's own fields to the real
`/ussd` and `/sms/inbound` endpoints in-process. So the callback token never reaches a browser, and a simulator
request never waits for a second web worker (a sync worker calling its own server over HTTP can deadlock).
"""
import secrets

from flask import current_app, jsonify, request
from flask_admin import expose
from werkzeug.test import EnvironBuilder, run_wsgi_app

from admin.display import mask_numbers
from admin.views import StaffView
from core.models import Employer, OutboundMessage, utcnow
from core.phone import normalise_msisdn

NETWORK_CODE = "45606"  # Smart Axiata: any Cambodian operator code will do for the menus
MAX_TEXT = 1000


def call_gateway_endpoint(path, fields):
    """POST `fields` form-encoded to one of this app's callback endpoints with the token; (status code, body text)."""
    token = current_app.config["BONGPHEAK"]["gateway"]["callback_token"]
    builder = EnvironBuilder(path=path, method="POST", query_string={"token": token}, data=fields,
                             base_url=request.host_url)
    try:
        app_iter, status, _headers = run_wsgi_app(current_app.wsgi_app, builder.get_environ(), buffered=True)
        body = b"".join(app_iter)
    finally:
        builder.close()
    if hasattr(app_iter, "close"):
        app_iter.close()
    return int(status.split()[0]), body.decode("utf-8", "replace")


SAMPLE_SEEKER = "+85597700000"


class SimulatorView(StaffView):
    """A feature phone in the browser. Dialing creates sessions and applications, so it is a moderator's tool."""

    read_role = "moderator"
    write_role = "moderator"

    @expose("/")
    def index(self):
        config = current_app.config["BONGPHEAK"]
        employer = Employer.select().where(Employer.status == "verified").order_by(Employer.id).first()
        return self.render(
            "staff/simulator.html",
            ussd_code=config["app"]["ussd_code"],
            short_code=config["africastalking"]["short_code"],
            # Not a stored seeker's number: dialing as a real person would send them real SMS.
            sample_seeker=SAMPLE_SEEKER,
            sample_employer=employer.msisdn if employer else "",
        )

    @expose("/ussd", methods=("POST",))
    def ussd(self):
        msisdn = normalise_msisdn(request.form.get("msisdn"))
        session_id = request.form.get("session_id", "")[:64] or "SIM" + secrets.token_hex(8)
        text = request.form.get("text", "")[:MAX_TEXT]
        if msisdn is None:
            return jsonify(error="Type a valid phone number, e.g. 097 700 0000."), 400
        status, body = call_gateway_endpoint("/ussd", {
            "sessionId": session_id,
            "serviceCode": current_app.config["BONGPHEAK"]["app"]["ussd_code"],
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
        short_code = current_app.config["BONGPHEAK"]["africastalking"]["short_code"]
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
        if msisdn is None:
            return jsonify(messages=[])
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
                "text": mask_numbers(m.text),
                "kind": m.kind,
                "status": m.status,
                "at": m.created_at.strftime("%H:%M:%S"),
            }
            for m in messages
        ])
