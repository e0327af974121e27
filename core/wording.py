"""How a job's facts are written in a message: wage, place, one-line summary. Texts come from the catalogues."""
from core.i18n import text


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
