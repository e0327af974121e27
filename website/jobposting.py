"""schema.org JobPosting structured data for a job page: what search engines read to list the job."""
import datetime

# A listing stays until its employer closes it; search engines are told to drop it after this many days unless
# the sitemap shows it again (a closed job's page answers 410 at once).
LISTED_FOR = datetime.timedelta(days=30)
EMPLOYMENT_TYPES = {"month": "FULL_TIME", "day": "PER_DIEM"}
UNITS = {"month": "MONTH", "day": "DAY", "week": "WEEK", "hour": "HOUR"}


def job_posting(job, description, url, service):
    """The JobPosting of a live job (a Job with its employer and province) as a dict ready for JSON."""
    posted = job.published_at or job.created_at
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": description,
        "identifier": {"@type": "PropertyValue", "name": service, "value": job.ref},
        "datePosted": posted.date().isoformat(),
        "validThrough": (posted + LISTED_FOR).replace(microsecond=0).isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(job.wage_period, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": job.employer.name},
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressRegion": job.province.name_en, "addressCountry": "KH"},
        },
        "totalJobOpenings": job.positions,
        "url": url,
    }
    if job.wage_amount is not None and job.wage_period in UNITS:  # a piece rate has no schema.org unit
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": job.wage_currency,
            "value": {"@type": "QuantitativeValue", "value": job.wage_amount,
                      "unitText": UNITS[job.wage_period]},
        }
    return data
