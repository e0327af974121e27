"""Every automatic SMS fits its segments in every language and script, filled with the longest realistic values, and
keeps what it is for (docs/messages.md): its phrases, and a job's title never cut below a few words.

A message that must keep its verb, its job, its reply word, STOP and its safety line may take two UCS-2 segments in
Khmer script (core.text.wording.segments); SAFETY_KEYS below are the seeker-facing safety messages, which always may.
Free texts (titles, employer and company names, a seeker's list of trades) are shortened visibly to fit by
core.text.wording.fitted, so they are filled here with the least that must still show (a few words); the demo jobs then
fill them with real titles and employers.
"""
import pathlib
import string
import types

import pytest

from core.text.gsm import sms_segments
from core.text.i18n import LANGUAGES, catalogue, text
from core.reference import CATEGORIES, PROVINCES
from core.text.clusters import clusters
from core.platform import runtime
from core.platform.config import Config
from core.seekers import alerts, applications
from core.platform.demo import EMPLOYER_OF_TRADE, EMPLOYERS, LIVE_JOBS
from core.reference.models import Category, Province
from core.text.wording import TITLE_KEEPS, fitted, format_wage, job_title, most_segments, segments

SAFETY_KEYS = {
    "sms.apply.confirm", "sms.reply.report", "sms.reply.stop", "sms.reply.error.internal", "sms.reply.suspended",
    "ussd.sms.job", "sms.invite", "sms.invite.job", "sms.missed_call",
}
SHORT_FREE_TEXT = {"km": "អ្នកលក់ហាងធ្វើការ", "km-Latn": "Neak luek h", "en": "Shop sales"}
SMS_PREFIXES = ("sms.", "ussd.sms.")
FRAGMENTS = ("sms.status.", "sms.example.", "sms.apply.experienced", "sms.apply.not_experienced",
             "sms.reply.myjobs.item", "sms.reply.jobs.item")


def longest_place(language):
    return max((getattr(province, field_of(language)) for province in PROVINCES), key=len)


def field_of(language):
    return {"en": "name_en", "km-Latn": "name_km_latn", "km": "name_km"}[language]


def longest_trades(language):
    return ", ".join(sorted((getattr(category, field_of(language)) for category in CATEGORIES), key=len)[-3:])


def values(language):
    wage = max((format_wage(1000000, "KHR", "month", language), format_wage(1250, "USD", "month", language)), key=len)
    free = SHORT_FREE_TEXT[language]
    example = text(language, "sms.example.JOB")
    return dict(
        service="Bong Pheak", ref="J48213", title=free, employer=free, name=free, reason=free, who="012345678",
        friend="012345678", msisdn="012345678", applicant="012345678", contact="012345678", code="BP7K2Q",
        hotline="1288", ussd="*855#", wage=wage, place=longest_place(language), positions="20",
        status=text(language, "sms.status.pending"), trades=longest_trades(language), jobs=free,
        experience=text(language, "sms.apply.not_experienced"), example=example, applicants="12",
        count="3", refs="J48213, J48214", live="12", waiting="12", sms_number="+85523900000",
        given="GARMNT KANDL 2..", trade=max((getattr(c, field_of(language)) for c in CATEGORIES), key=len),
    )


def sms_keys():
    keys = set()
    for language in LANGUAGES:
        keys |= {key for key in catalogue(language) if key.startswith(SMS_PREFIXES) and not key.startswith(FRAGMENTS)}
    return sorted(keys)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", sms_keys())
def test_every_sms_fits_its_segments(key, language):
    template = catalogue(language)[key]
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    budget = segments(language, key)
    assert key not in SAFETY_KEYS or language != "km" or budget == 2
    message = fitted(language, key, **{name: values(language)[name] for name in names})
    assert sms_segments(message) <= most_segments(language, key), (len(message), message)
    for name in names & {"title", "employer", "name", "trades"}:
        assert "".join(clusters(values(language)[name])[:2]) in message, message  # shortened, still saying something


MESSAGES_DOC = pathlib.Path(__file__).resolve().parent.parent / "docs" / "messages.md"


def must_keep():
    """{(key, language): [phrase, ...]} from docs/messages.md's table."""
    found = {}
    for line in MESSAGES_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith(("sms.", "ussd.")):
            continue
        for language, phrases in zip(("en", "km-Latn", "km"), cells[2:]):
            found[cells[0], language] = [phrase.strip() for phrase in phrases.split("·")]
    return found


def test_the_messages_doc_names_what_alerts_confirmations_and_notices_keep():
    keys = {key for key, _ in must_keep()}
    assert {"sms.alert", "sms.apply.confirm", "sms.apply.employer", "sms.reply.help", "sms.reply.start"} <= keys


@pytest.mark.parametrize("key, language", sorted(must_keep()))
def test_a_message_keeps_its_phrases_with_the_longest_values(key, language):
    template = catalogue(language)[key]
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    message = fitted(language, key, **{name: values(language)[name] for name in names})
    missing = [phrase for phrase in must_keep()[key, language] if phrase not in message]
    assert missing == [], message


def demo_jobs(language):
    """The 41 demo jobs as the messages read them, with their employers (no database)."""
    from core.reference import CATEGORIES
    categories = {c.code: Category(number=c.number, code=c.code, name_en=c.name_en, name_km_latn=c.name_km_latn,
                                   name_km=c.name_km) for c in CATEGORIES}
    for index, (code, province, wage, currency, period, positions, title, details) in enumerate(LIVE_JOBS):
        msisdn, name, _ = EMPLOYERS[EMPLOYER_OF_TRADE.get(code, 7)]
        yield types.SimpleNamespace(
            ref=f"J{1101 + index}", title=title, details=details, category=categories[code],
            province=Province.of(province), wage_amount=wage, wage_currency=currency, wage_period=period,
            positions=positions, employer=types.SimpleNamespace(name=name, msisdn=msisdn, language=language),
        )


@pytest.fixture
def services(monkeypatch):
    config = Config(app={"service_name": "Bong Pheak", "ussd_code": "*855#", "default_language": "km-Latn",
                         "hotline": "1288"}, gateway={"backend": "console"}, africastalking={"short_code": "2855"})
    monkeypatch.setattr(runtime, "current", lambda: types.SimpleNamespace(config=config))


def test_the_demo_has_41_live_jobs():
    assert len(LIVE_JOBS) == 41


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_alerts_confirmations_and_notices_keep_the_job_and_their_point(services, language):
    """For every demo job: within its segments, the title whole or at least TITLE_KEEPS characters of it, and
    every phrase docs/messages.md asks for."""
    failures = []
    for job in demo_jobs(language):
        title = job_title(job, language)
        for key, message in (
            ("sms.alert", alerts.alert_text(job, language)),
            ("sms.apply.confirm", applications._confirmation_text(job, language)),
            ("sms.apply.employer", applications._employer_notice_text(job, "012345678", True)),
        ):
            kept = title if title in message else title[:TITLE_KEEPS]
            if sms_segments(message) > segments(language, key) or kept not in message:
                failures.append(f"{job.ref} {key}: {message}")
            failures += [f"{job.ref} {key} lost {phrase!r}" for phrase in must_keep()[key, language]
                         if phrase not in message]
    assert failures == []
