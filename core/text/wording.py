"""How a job's facts are written in a message: wage, place, one-line summary. Texts come from the catalogues."""
import regex

from core.text.gsm import is_gsm7, sms_segments
from core.text.i18n import normalise_language, text
from core.text.clusters import ELLIPSIS, clusters, shorten


def format_wage(amount, currency, period, language):
    """'$250/month', '40,000 riel/day' in the language's words; the 'no wage' text when amount is missing."""
    if amount is None:
        return text(language, "wage.missing")
    figure = f"{amount:,}"
    value = text(language, "wage.usd", amount=figure) if currency == "USD" else text(language, "wage.khr", amount=figure)
    return text(language, f"wage.per_{period}", wage=value)


def job_wage(job, language):
    """The job's wage, written for `language`."""
    return format_wage(job.wage_amount, job.wage_currency, job.wage_period, language)


def job_place(job, language):
    """The job's province name in `language`."""
    return job.province.name(language)


def job_title(job, language):
    """The job's title where it renders in the language's script (Khmer script only in km), else its trade."""
    title = " ".join(job.title.split())
    if language == "km" or is_gsm7(title):
        return title
    return job.category.name(language)


def job_facts(job, language):
    """What every SMS about a job names, written for `language`: ref, title, wage and place."""
    return dict(ref=job.ref, title=job_title(job, language), wage=job_wage(job, language),
                place=job_place(job, language))


# What an automatic SMS may cost where one segment cannot keep its point (docs/messages.md says what each keeps):
# Khmer script is UCS-2, 70 characters a segment, so a km message that must keep its verb, its job, its reply word,
# "STOP = no more SMS" and its safety line takes two. Every other message and language takes one.
TWO_IN_KHMER = frozenset({
    "sms.alert", "sms.apply.confirm", "sms.apply.employer", "sms.reply.help", "sms.reply.report", "sms.reply.stop",
    "sms.reply.error.internal", "sms.reply.suspended", "ussd.sms.job", "sms.invite", "sms.invite.job",
    "sms.missed_call",
})
# The applicant's confirmation is the one message a seeker keeps: in Khmer script it may take a third segment when
# two cannot hold its title and employer (a riel wage in a long-named province), rather than lose the job.
THIRD_IN_KHMER = frozenset({"sms.apply.confirm"})
# The free texts a message may shorten, in the order they give way: a name before the job's title.
GIVES_WAY = ("employer", "name", "reason", "trades", "title")
# A shortened title keeps at least this many characters (or all of it; counted as SMS counts them, whole clusters): "..", or one word, does not tell the job;
# an employer's name, which tells a seeker who to expect a call from, keeps a few.
TITLE_KEEPS = 14
EMPLOYER_KEEPS = 8
KEEPS = {"title": TITLE_KEEPS, "employer": EMPLOYER_KEEPS}


def segments(language, key):
    """The segments the automatic SMS `key` may take in `language`."""
    return 2 if normalise_language(language) == "km" and key in TWO_IN_KHMER else 1


def most_segments(language, key):
    """The segments `key` may take when its usual ones cannot keep its free texts' shortest forms."""
    return segments(language, key) + (normalise_language(language) == "km" and key in THIRD_IN_KHMER)


def fitted(language, key, budget=None, **values):
    """The message with its free texts shortened visibly, by grapheme, until it costs at most `budget` SMS segments
    (`segments(language, key)` when not given): names give way first (an employer's down to EMPLOYER_KEEPS
    characters), then the title, down to TITLE_KEEPS. Where that is still too long, the next budget up to `most_segments`; past it, the
    message keeps those shortest forms and costs what it costs: a cut never takes away what it is about."""
    usual = segments(language, key) if budget is None else budget
    for allowed in range(usual, max(usual, most_segments(language, key)) + 1):
        message = _fitted(language, key, allowed, dict(values))
        if sms_segments(message) <= allowed:
            break
    return message


def _fitted(language, key, budget, values):
    def fits(**changed):
        return sms_segments(text(language, key, **dict(values, **changed))) <= budget

    for name in GIVES_WAY:
        if name in values and not fits():
            whole = str(values[name])
            keeps = KEEPS.get(name, 0)
            cut = shorten(whole, lambda piece: fits(**{name: piece}))
            if cut != whole and len(cut) - len(ELLIPSIS) < keeps:
                cut = _first_characters(whole, keeps) + ELLIPSIS
            values[name] = cut
    return text(language, key, **values)


def _first_characters(text, count):
    """The text's first whole grapheme clusters that make at least `count` characters."""
    kept = ""
    for cluster in clusters(text):
        if len(kept) >= count:
            break
        kept += cluster
    return kept.rstrip(" ,.;:-")


# What a listing says, read from the employer's own words in either script, so a reader of another script gets more
# than the trade: hours a day, days off, meals, a place to stay.
_HOURS = regex.compile(r"(\d+)\s*(?:ម៉ោង|h\b|hours?\b)", regex.IGNORECASE)
_DAYS_OFF = regex.compile(r"(?:ឈប់សម្រាក|ឈប់|days? off)\D{0,12}?(\d+)\s*(?:ថ្ងៃ|days?)?(?P<week>[^។.,]*(?:សប្ដាហ៍|សប្តាហ៍|អាទិត្យ|week))?"
                          r"|(\d+)\s*days? off(?P<week2>[^.,]*week)?", regex.IGNORECASE)
_MEALS = regex.compile(r"អាហារ|\bmeals?\b|\blunch\b", regex.IGNORECASE)
_LODGING = regex.compile(r"ស្នាក់នៅ|\broom\b|\bdormitory\b|\bhousing\b|\blive-in\b", regex.IGNORECASE)


def listing_facts(*texts):
    """The hours, days off (and whether a week's), meals and lodging a listing's title and details state."""
    words = " ".join(text or "" for text in texts)
    found = {}
    if hours := _HOURS.search(words):
        found["hours"] = int(hours.group(1))  # int() reads Khmer digits too
    if days := _DAYS_OFF.search(words):
        found["days_off"] = int(days.group(1) or days.group(3))
        found["week"] = bool(days.group("week") or days.group("week2"))
    found["meals"] = bool(_MEALS.search(words))
    found["lodging"] = bool(_LODGING.search(words))
    return found


def listing_summary(language, *texts):
    """A line built from the listing's facts in the reader's language ("" when it states none of them)."""
    facts = listing_facts(*texts)
    parts = []
    if "hours" in facts:
        parts.append(text(language, "job.summary.hours", hours=facts["hours"]))
    if "days_off" in facts:
        key = "job.summary.days_off_week" if facts["week"] else "job.summary.days_off"
        parts.append(text(language, key, days=facts["days_off"]))
    parts += [text(language, f"job.summary.{name}") for name in ("meals", "lodging") if facts[name]]
    return ", ".join(parts)
