"""The voice screens: the call log, the prompt recordings (list, upload, play, missing ones, whether each language
can be spoken) and the voice simulator.

The simulator posts the gateway's own fields (AT's, or Twilio's signed with the auth token) to the real `/voice`
endpoint in-process, like the phone simulator does for USSD; the flow's state goes back and forth through the
browser (signed by /voice, for its session), the callback token never does. It follows the phone simulator's rule:
it acts as test numbers only, unless an admin ticks "act as a real number", which is audited first and names the
admin in every event the call causes. The call in hand travels as a token this view signs (session id, direction,
number), so a browser cannot pick a session id or a number, and it answers only a call placed to its own number.
"""
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit
from xml.etree import ElementTree

from flask import current_app, flash, jsonify, redirect, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from twilio.request_validator import RequestValidator
from flask_admin import expose
from flask_login import current_user

from admin.display import contact_link, when
from admin.simulator import acting_refused, call_gateway_endpoint, is_test_number
from admin.views import StaffModelView, StaffView
from callbacks import speaks_twilio
from core.outbound import prompts
from core.platform import runtime
from core.jobs.models import Job
from core.outbound.models import Call, OutboundMessage, VoicePrompt
from core.platform.models import AuditEvent
from core.text.phone import normalise_msisdn
from voice import speech

LANGUAGE_NAMES = {"km": "Khmer", "en": "English"}

MAX_STATE = 2000
CALL_LIFE = 3600  # seconds a simulated call's token is good for


class CallLogView(StaffModelView):
    """Every call, in and out: when, who (masked), what for, how it ended, what it cost, the keys pressed."""

    column_list = ("id", "created_at", "direction", "kind", "msisdn", "job", "status", "due_at", "duration_seconds",
                   "cost", "outcome", "keys")
    column_labels = {"msisdn": "Number", "duration_seconds": "Seconds", "due_at": "Due"}
    column_filters = ("status", "kind", "direction")
    column_default_sort = ("id", True)
    column_formatters = {
        "msisdn": lambda v, c, m, n: contact_link(m.msisdn),
        "job": lambda v, c, m, n: m.job.ref if m.job_id else "",
        "created_at": lambda v, c, m, n: when(m.created_at),
        "due_at": lambda v, c, m, n: when(m.due_at) if m.status == "scheduled" else "",
        "outcome": lambda v, c, m, n: m.outcome or "",
    }


class PromptView(StaffView):
    """Every prompt a call can say, per spoken language: its text, its recording or the fallback read instead."""

    write_role = "moderator"

    @expose("/")
    def index(self):
        language = request.args.get("language", "km")
        if language not in speech.SPOKEN:
            language = "km"
        stored = {
            row.prompt: row
            for row in VoicePrompt.select(VoicePrompt.prompt, VoicePrompt.uploaded_by, VoicePrompt.uploaded_at)
            .where(VoicePrompt.language == language)
        }
        voice = _voices().of_language(language)
        rows = [
            {"id": prompt_id, "text": speech.prompt_text(prompt_id, language), "recording": stored.get(prompt_id)}
            for prompt_id in speech.all_prompt_ids()
        ]
        missing = sum(1 for row in rows if row["recording"] is None)
        return self.render("staff/prompts.html", rows=rows, language=language, languages=speech.SPOKEN,
                           missing=missing, voice=voice, readiness=readiness())

    @expose("/upload", methods=("POST",))
    def upload(self):
        language = request.form.get("language", "")
        prompt_id = request.form.get("prompt", "")
        upload = request.files.get("audio")
        error = None
        if language not in speech.SPOKEN:
            error = "Choose Khmer or English."
        elif prompt_id not in speech.all_prompt_ids():
            error = "No such prompt."
        elif upload is None or not upload.filename:
            error = "Choose an MP3 or WAV file to upload."
        if error is None:
            try:
                prompts.save(language, prompt_id, upload.read(prompts.MAX_BYTES + 1), upload.mimetype,
                             current_user.email)
            except prompts.BadRecording as problem:
                error = f"{prompt_id}: {problem}."
        if error is None:
            flash(f"Recording of {prompt_id} ({language}) saved.", "success")
        else:
            flash(error, "error")
        return redirect(url_for("prompt.index", language=language if language in speech.SPOKEN else "km"))


def _voices():
    return speech.Voices.of(runtime.current().gateway.tts_voices())


def readiness():
    """Per spoken language: prompts recorded, prompts read by the gateway's voice instead, prompts nobody can say,
    and whether a caller of that language is spoken to (else sent the missed-call SMS)."""
    recorded = frozenset(VoicePrompt.recorded())
    voices, every = _voices(), speech.all_prompt_ids()
    rows = []
    for language in speech.SPOKEN:
        have = sum(1 for prompt_id in every if (language, prompt_id) in recorded)
        voice = voices.of_language(language)
        missing = speech.missing(language, recorded, voices)
        rows.append({"language": language, "name": LANGUAGE_NAMES[language], "prompts": len(every),
                     "recorded": have, "voice": voice, "tts": len(every) - have if voice is not None else 0,
                     "missing": missing, "spoken": not missing})
    return rows


class VoiceSimulatorView(StaffView):
    """A phone that calls the voice number, presses keys, and answers the calls the service places."""

    read_role = "moderator"
    write_role = "moderator"

    @expose("/")
    def index(self):
        return self.render("staff/voice_simulator.html", sample_seeker="+85597700000",
                           may_act_as_real=current_user.can("admin"))

    @expose("/dial", methods=("POST",))
    def dial(self):
        msisdn = normalise_msisdn(request.form.get("msisdn"))
        if msisdn is None:
            return jsonify(error="Type a valid phone number, e.g. 097 700 0000."), 400
        refused = acting_refused(msisdn, "voice", "dial")
        if refused is not None:
            return refused
        session_id = "SIMV" + secrets.token_hex(8)
        return self._step(session_id, "Inbound", msisdn, "", None)

    @expose("/answer", methods=("POST",))
    def answer(self):
        msisdn = normalise_msisdn(request.form.get("msisdn"))
        call = Call.get_or_none((Call.id == _int(request.form.get("call_id"))) & (Call.status == "placed")
                                & (Call.msisdn == msisdn))
        if call is None or not call.session_id:  # only a call placed to this phone's own number
            return jsonify(error="That call is not ringing on this number."), 400
        refused = acting_refused(msisdn, "voice", f"answer call {call.id}")
        if refused is not None:
            return refused
        return self._step(call.session_id, "Outbound", call.msisdn, "", None)

    @expose("/press", methods=("POST",))
    def press(self):
        msisdn, session_id, direction = _call_in_hand()
        if msisdn is None:
            return jsonify(error="Dial first."), 400
        keys = request.form.get("keys", "")[:20]
        refused = acting_refused(msisdn, "voice", f"press {keys}")
        if refused is not None:
            return refused
        return self._step(session_id, direction, msisdn, request.form.get("state", "")[:MAX_STATE], keys)

    @expose("/hangup", methods=("POST",))
    def hangup(self):
        msisdn, session_id, direction = _call_in_hand()
        if msisdn is not None and acting_refused(msisdn, "voice", "hang up") is None:
            extra = ({"CallDuration": "30"} if _twilio() else {"durationInSeconds": "30", "hangupCause": "NORMAL_CLEARING"})
            with AuditEvent.on_behalf(current_user.email):
                _post_voice(dict(_fields(session_id, direction, msisdn, ended=True), **extra), "")
        return jsonify(ok=True)

    @expose("/ringing")
    def ringing(self):
        """Calls the service has placed to this number and nobody answered yet."""
        msisdn = normalise_msisdn(request.args.get("msisdn"))
        if msisdn is None or not (is_test_number(msisdn, runtime.current().config) or current_user.can("admin")):
            return jsonify(calls=[])  # a real person's calls are not a moderator's to see
        rows = (
            Call.select(Call, Job)
            .join(Job, on=(Call.job == Job.id))
            .where((Call.msisdn == msisdn) & Call.status.in_(("scheduled", "placing", "placed")))
            .order_by(Call.id.desc())
            .limit(10)
        )
        return jsonify(calls=[{"id": call.id, "kind": call.kind, "status": call.status, "ref": call.job.ref,
                               "due": when(call.due_at)} for call in rows])

    def _step(self, session_id, direction, msisdn, state, keys):
        fields = _fields(session_id, direction, msisdn)
        if keys is not None:
            fields["Digits" if _twilio() else "dtmfDigits"] = keys
        with AuditEvent.on_behalf(current_user.email):  # every event the call causes names the staff acting
            status, body = _post_voice(fields, state)
        if status != 200:
            return jsonify(error=f"The voice endpoint answered HTTP {status}."), 502
        read = _read(body)
        if read["rejected"]:
            read["sms"] = _missed_call_sms(msisdn)
        return jsonify(call=_call_token(session_id, direction, msisdn), direction=direction, msisdn=msisdn, **read)


def _twilio():
    return speaks_twilio(runtime.current().config)


def _fields(session_id, direction, msisdn, ended=False):
    """The fields the gateway posts for a live call between `msisdn` and our voice number (or for its end)."""
    config = runtime.current().config
    if _twilio():
        ours = config["twilio"]["voice_from"] or "+85523900000"
        sender, receiver = (ours, msisdn) if direction == "Outbound" else (msisdn, ours)
        return {"CallSid": session_id, "AccountSid": config["twilio"]["account_sid"], "From": sender,
                "To": receiver, "Direction": "outbound-api" if direction == "Outbound" else "inbound",
                "CallStatus": "completed" if ended else "in-progress", "ApiVersion": "2010-04-01"}
    voice_number = config["africastalking"]["voice_number"] or "+85523900000"
    ours, theirs = (voice_number, msisdn) if direction == "Outbound" else (msisdn, voice_number)
    return {"isActive": "0" if ended else "1", "sessionId": session_id, "direction": direction,
            "callerNumber": ours, "destinationNumber": theirs}


def _missed_call_sms(msisdn):
    """The missed-call SMS the service queued for this number, as it reads."""
    message = (OutboundMessage.select()
               .where((OutboundMessage.msisdn == msisdn) & (OutboundMessage.kind == "missed_call"))
               .order_by(OutboundMessage.id.desc())
               .first())
    return message.text if message else None


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="admin.voice-simulator")


def _call_token(session_id, direction, msisdn):
    """The simulated call in hand, signed for the staff member holding it: the browser sends it back, unchanged."""
    return _serializer().dumps([session_id, direction, msisdn, current_user.id])


def _call_in_hand():
    """(msisdn, session id, direction) of the simulated call a key press or hang-up posts about, from the token
    this view signed; (None, None, None) for a missing, forged, old or another staff member's token."""
    try:
        session_id, direction, msisdn, staff_id = _serializer().loads(request.form.get("call", ""), max_age=CALL_LIFE)
    except (BadSignature, ValueError, TypeError):
        return None, None, None
    if staff_id != current_user.id:
        return None, None, None
    return msisdn, session_id, direction


def _post_voice(fields, state):
    """POST a callback to this app's /voice with the token and the state it carries, signed as a Twilio-compatible
    gateway signs it; (status code, body text)."""
    headers = {}
    if _twilio():
        config = runtime.current().config
        query = urlencode({"token": config["gateway"]["callback_token"], "state": state})
        url = f"{request.host_url.rstrip('/')}/voice?{query}"
        headers["X-Twilio-Signature"] = RequestValidator(config["twilio"]["auth_token"]).compute_signature(url, fields)
    return call_gateway_endpoint("/voice", fields, headers=headers, state=state)


def _read(body):
    """What a voice answer says (each Play's prompt id with its text, each Say with its voice and language), what
    it collects, the next state; AT's XML or TwiML."""
    root = ElementTree.fromstring(body)
    said, collect, state = [], None, None
    for element in root.iter():
        if element.tag == "Say":
            said.append({"kind": "say", "text": element.text or "", "voice": element.get("voice") or "default",
                         "language": element.get("language") or "en"})
        elif element.tag == "Play":
            url = element.get("url") or element.text or ""
            language, _, prompt_id = url.rsplit("/voice/prompts/", 1)[-1].partition("/")
            said.append({"kind": "play", "prompt": prompt_id, "language": language, "url": url,
                         "text": _prompt_text(prompt_id, language)})
        elif element.tag in ("GetDigits", "Gather"):
            collect = "key" if element.get("numDigits") == "1" else "number"
            url = element.get("callbackUrl") or element.get("action") or ""
            state = parse_qs(urlsplit(url).query).get("state", [""])[0]
    ended = collect is None
    return {"said": said, "collect": collect, "state": state, "ended": ended,
            "rejected": root.find("Reject") is not None}


def _prompt_text(prompt_id, written):
    try:
        return speech.prompt_text(prompt_id, written)
    except KeyError:
        return ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
