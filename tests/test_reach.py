"""The reach rule has one definition (core.reference.provinces_in_reach, which the live jobs' `Snapshot.reach` applies
on the borders every channel lists jobs with); the alerts' SQL (core.jobs.livejobs.seekers_reached_by) must agree with it."""
import datetime

from core import reference
from core.platform import runtime
from core.seekers import alerts
from core.jobs.models import Employer, Job
from core.platform.models import utcnow
from core.seekers.models import Seeker, SeekerTrade
from tests.conftest import make_config, running_app

REACHES = ("same", "near", "any")


def test_alerts_reach_the_seekers_whose_reach_takes_in_the_job(tmp_path, database_url, redis):
    with running_app(make_config(tmp_path, database_url)):
        check_every_home_reach_and_job_province()


def check_every_home_reach_and_job_province():
    employer = Employer.create(msisdn="+85512600001", name="Co", province=1, status="verified")
    homes = [None] + [province.code for province in reference.PROVINCES]
    seekers = {}
    for number, (home, reach) in enumerate((home, reach) for home in homes for reach in REACHES):
        seeker = Seeker.create(msisdn=f"+8551270{number:05d}", referral_code=f"R{number:06d}", home_province=home,
                               reach=reach, alerts_on=True)
        SeekerTrade.create(seeker=seeker, category=1)
        seekers[seeker.id] = (home, reach)
    today = datetime.date(2026, 11, 30)
    snapshot = runtime.current().live_jobs.current()
    for province in reference.PROVINCES:
        job = Job.create(ref=f"J{9000 + province.code}", employer=employer, category=1, province=province.code,
                         title="Sewing", status="live", published_at=utcnow())
        matched = {seeker.id for seeker in alerts.matching_seekers(job, today, max_per_day=10)}
        expected = {
            seeker_id for seeker_id, (home, reach) in seekers.items()
            if (anywhere := snapshot.reach(home, reach)) is None
            or province.code in anywhere
        }
        assert matched == expected, province.code
