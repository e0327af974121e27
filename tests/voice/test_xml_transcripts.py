"""Golden transcripts through the endpoint: AT's callback fields in, the voice XML out, for a seeker calling in and
for a shared job's call, in every language.

Each file in xml/ starts with `# title` and a `call:` line, then `> answer`, `> <keys>` and `> hang up` lines, each
followed by the XML the endpoint answered (one element a line; callbackUrl shown with its query unquoted). To
re-record after a deliberate change: `UPDATE_TRANSCRIPTS=1 .venv/bin/pytest tests/voice/test_xml_transcripts.py`,
then read the diff.
"""
import json
import os
import pathlib
import re
from urllib.parse import unquote_plus

import pytest

from core.seekers import referrals
from core.outbound.models import Call
from tests.voice.conftest import Phone, seeker
from voice import views

FOLDER = pathlib.Path(__file__).parent / "xml"
FILES = sorted(FOLDER.glob("*.txt"))
SHARER = "+85597700001"
FRIEND = "+85597799999"


def readable(body):
    """The XML one element a line, URLs without the host and with their query unquoted, the state as its JSON."""
    text = body.decode() if isinstance(body, bytes) else body
    text = re.sub(r"http://localhost", "", text)
    text = re.sub(r'callbackUrl="([^"]*)"', lambda m: 'callbackUrl="' + _url(m.group(1)) + '"', text)
    text = re.sub(r"<Redirect>([^<]*)</Redirect>", lambda m: "<Redirect>" + _url(m.group(1)) + "</Redirect>", text)
    return re.sub(r"(<(?:GetDigits|Say|Play|Redirect|Reject|/GetDigits|/Response)\b)", r"\n\1", text).split("\n")


def _url(url):
    """The URL with its state shown as the JSON it carries (its signature, different in every session, left out)."""
    state = re.search(r"state=([\w-]*)\.([\w-]+)", url)
    if state:
        url = url.replace(state.group(0), "state=" + json.dumps(views.decode_state(state.group(1)),
                                                                separators=(",", ":"), sort_keys=True))
    else:
        assert "state=" not in url, f"an unsigned state: {url}"
    return unquote_plus(url)


def run(path, client, drain):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if not line.startswith(">")][:2]
    words = header[1].split(":", 1)[1].split()
    kind, language = words[0], words[1]
    if kind == "inbound":
        seeker("+85597712345", language)
        phone = Phone(client, "+85597712345", session_id="ATVId_transcript")
    else:
        friend = seeker(FRIEND, language, trades=())
        referrals.invite(seeker(SHARER, language, trades=()), friend.msisdn, job=_job(), channel="call",
                         relation="family")
        drain()
        phone = Phone(client, FRIEND, direction="Outbound", session_id=Call.get().session_id)
    out = list(header)
    for line in (line for line in lines if line.startswith(">")):
        step = line[1:].strip()
        if step == "answer":
            response = client.post(phone.url, data=phone.fields())
        elif step == "hang up":
            response = client.post(phone.url, data=phone.fields(isActive="0", durationInSeconds="61",
                                                                 currencyCode="USD", amount="0.40",
                                                                 hangupCause="NORMAL_CLEARING"))
        else:
            response = client.post(phone.next_url, data=phone.fields(dtmfDigits=step))
        phone.reply(_tree(response.data))
        out.append(f"> {step}")
        out.extend(readable(response.data))
    return "\n".join(out) + "\n"


def _job():
    from core.jobs.models import Job

    return Job.get(Job.ref == "J5001")


def _tree(data):
    import xml.etree.ElementTree as ElementTree

    return ElementTree.fromstring(data)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_xml_transcript(path, voice_app, job, drain):
    produced = run(path, voice_app.test_client(), drain)
    if os.environ.get("UPDATE_TRANSCRIPTS"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")


def test_both_flows_in_every_language():
    assert {path.name for path in FILES} == {f"{flow}.{language}.txt" for flow in ("inbound", "share")
                                             for language in ("en", "km", "km-Latn")}
