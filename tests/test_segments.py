"""Every automatic SMS costs one segment in every language and script, filled with the longest realistic values.

A seeker-facing safety message (fees, ID and passport, hotline, report, stop) keeps its whole meaning: in Khmer
script it may take two UCS-2 segments (core.wording.safety_segments); SAFETY_KEYS below are those messages.
Free texts (titles, employer and company names, a seeker's list of trades) are shortened visibly to fit by core.wording.fitted, so they are
filled here with the least that must still show (a few words).
"""
import string

import pytest

from core.gsm import sms_segments
from core.i18n import LANGUAGES, catalogue, text
from core.reference import CATEGORIES, PROVINCES
from core.text import clusters
from core.wording import fitted, format_wage, safety_segments

SAFETY_KEYS = {
    "sms.apply.confirm", "sms.reply.report", "sms.reply.stop", "sms.reply.error.internal", "sms.reply.suspended",
    "ussd.sms.job", "sms.invite", "sms.invite.job", "sms.missed_call",
}
SHORT_FREE_TEXT = {"km": "អ្នកលក់ហាងធ្វើការ", "km-Latn": "Neak luek h", "en": "Shop sales"}
SMS_PREFIXES = ("sms.", "ussd.sms.")
FRAGMENTS = ("sms.status.", "sms.example.", "sms.apply.experienced", "sms.apply.not_experienced",
             "sms.reply.myjobs.item", "sms.reply.jobs.item")


def longest_place(language):
    field = {"en": "name_en", "km-Latn": "name_km_latn", "km": "name_km"}[language]
    return max((getattr(province, field) for province in PROVINCES), key=len)


def field_of(language):
    return {"en": "name_en", "km-Latn": "name_km_latn", "km": "name_km"}[language]


def longest_trades(language):
    field = {"en": "name_en", "km-Latn": "name_km_latn", "km": "name_km"}[language]
    return ", ".join(sorted((getattr(category, field) for category in CATEGORIES), key=len)[-3:])


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
    budget = safety_segments(language) if key in SAFETY_KEYS else 1
    message = fitted(language, key, budget, **{name: values(language)[name] for name in names})
    assert sms_segments(message) <= budget, (len(message), message)
    for name in names & {"title", "employer", "name", "trades"}:
        assert "".join(clusters(values(language)[name])[:2]) in message, message  # shortened, still saying something
