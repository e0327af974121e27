"""The voice screens: the call log, the prompt recordings (list, upload, play, missing ones) and the voice simulator.

The simulator posts the gateway's own fields to the real `/voice` endpoint in-process, like the phone simulator
does for USSD; the flow's state goes back and forth through the browser, the callback token never does.
"""
import secrets
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from flask import current_app, flash, jsonify, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user

from admin.display import when
from admin.simulator import call_gateway_endpoint
from admin.views import StaffModelView, StaffView
from core import prompts
from core.models import Call, Job, VoicePrompt
from core.phone import mask_msisdn, normalise_msisdn
from voice import speech

MAX_STATE = 2000


class CallLogView(StaffModelView):
    """Every call, in and out: when, who (masked), what for, how it ended, what it cost, the keys pressed."""

    column_list = ("id", "created_at", "direction", "kind", "msisdn", "job", "status", "due_at", "duration_seconds",
                   "cost", "outcome", "keys")
    column_labels = {"msisdn": "Number", "duration_seconds": "Seconds", "due_at": "Due"}
    column_filters = ("status", "kind", "direction")
    column_default_sort = ("id", True)
    column_formatters = {
        "msisdn": lambda v, c, m, n: mask_msisdn(m.msisdn),
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
        fallback = speech.fallback_language(language)
        rows = [
            {"id": prompt_id, "text": speech.prompt_text(prompt_id, language),
             "fallback": speech.prompt_text(prompt_id, fallback), "recording": stored.get(prompt_id)}
            for prompt_id in speech.all_prompt_ids()
        ]
        missing = sum(1 for row in rows if row["recording"] is None)
        return self.render("staff/prompts.html", rows=rows, language=language, languages=speech.SPOKEN,
                           missing=missing)

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


class VoiceSimulatorView(StaffView):
    """A phone that calls the voice number, presses keys, and answers the calls the service places."""

    read_role = "moderator"
    write_role = "moderator"

    @expose("/")
    def index(self):
        return self.render("staff/voice_simulator.html", sample_seeker="+85597700000")

    @expose("/dial", methods=("POST",))
    def dial(self):
        msisdn = normalise_msisdn(request.form.get("msisdn"))
        if msisdn is None:
            return jsonify(error="Type a valid phone number, e.g. 097 700 0000."), 400
        session_id = "SIMV" + secrets.token_hex(8)
        return self._step(session_id, "Inbound", msisdn, "", None)

    @expose("/answer", methods=("POST",))
    def answer(self):
        call = Call.get_or_none((Call.id == _int(request.form.get("call_id"))) & (Call.status == "placed"))
        if call is None:
            return jsonify(error="That call is not ringing any more."), 400
        return self._step(call.session_id, "Outbound", call.msisdn, "", None)

    @expose("/press", methods=("POST",))
    def press(self):
        msisdn, session_id, direction = _call_in_hand()
        if msisdn is None or not session_id:
            return jsonify(error="Dial first."), 400
        return self._step(session_id, direction, msisdn, request.form.get("state", "")[:MAX_STATE],
                          request.form.get("keys", "")[:20])

    @expose("/hangup", methods=("POST",))
    def hangup(self):
        msisdn, session_id, direction = _call_in_hand()
        if msisdn is not None and session_id:
            _post_voice(dict(_fields(session_id, direction, msisdn), isActive="0", durationInSeconds="30",
                             hangupCause="NORMAL_CLEARING"), "")
        return jsonify(ok=True)

    @expose("/ringing")
    def ringing(self):
        """Calls the service has placed to this number and nobody answered yet."""
        msisdn = normalise_msisdn(request.args.get("msisdn"))
        if msisdn is None:
            return jsonify(calls=[])
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
            fields["dtmfDigits"] = keys
        status, body = _post_voice(fields, state)
        if status != 200:
            return jsonify(error=f"The voice endpoint answered HTTP {status}."), 502
        return jsonify(session_id=session_id, direction=direction, msisdn=msisdn, **_read(body))


def _fields(session_id, direction, msisdn):
    """The fields AT posts for a live call between `msisdn` and our voice number."""
    voice_number = current_app.config["BONGPHEAK"]["africastalking"]["voice_number"] or "+85523900000"
    ours, theirs = (voice_number, msisdn) if direction == "Outbound" else (msisdn, voice_number)
    return {"isActive": "1", "sessionId": session_id, "direction": direction, "callerNumber": ours,
            "destinationNumber": theirs}


def _call_in_hand():
    """(msisdn or None, session id, direction) of the simulated call a key press or hang-up posts about."""
    direction = "Outbound" if request.form.get("direction") == "Outbound" else "Inbound"
    return normalise_msisdn(request.form.get("msisdn")), request.form.get("session_id", "")[:64], direction


def _post_voice(fields, state):
    """POST a callback to this app's /voice with the token and the state it carries; (status code, body text)."""
    return call_gateway_endpoint("/voice", fields, state=state)


def _read(body):
    """What a voice answer says (each Play's prompt id with its text, each Say), what it collects, the next state."""
    root = ElementTree.fromstring(body)
    said, collect, state = [], None, None
    for element in root.iter():
        if element.tag == "Say":
            said.append({"kind": "say", "text": element.text or ""})
        elif element.tag == "Play":
            language, _, prompt_id = element.get("url", "").rsplit("/voice/prompts/", 1)[-1].partition("/")
            said.append({"kind": "play", "prompt": prompt_id, "language": language, "url": element.get("url"),
                         "text": _prompt_text(prompt_id, speech.fallback_language(language))})
        elif element.tag == "GetDigits":
            collect = "key" if element.get("numDigits") == "1" else "number"
            state = parse_qs(urlsplit(element.get("callbackUrl", "")).query).get("state", [""])[0]
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
