"""How a job's facts are written in a message: wage, place, one-line summary. Texts come from the catalogues."""
from core.gsm import is_gsm7, sms_segments
from core.i18n import normalise_language, text
from core.text import shorten



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


def safety_segments(language):
    """Segments a seeker-facing safety message (fees, ID and passport, hotline, report, stop) may take to keep its
    whole meaning: two UCS-2 segments in Khmer script; every other automatic SMS takes one."""
    return 2 if normalise_language(language) == "km" else 1


def fitted(language, key, budget=1, **values):
    """The message with its free texts (title, then employer, name, reason, trades) shortened visibly, by grapheme,
    until it costs at most `budget` SMS segments."""
    for name in ("title", "employer", "name", "reason", "trades"):
        if name in values and sms_segments(text(language, key, **values)) > budget:
            values[name] = shorten(
                str(values[name]), lambda cut: sms_segments(text(language, key, **dict(values, **{name: cut}))) <= budget
            )
    return text(language, key, **values)
