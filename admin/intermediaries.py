"""Intermediaries: the seekers who pass jobs on, with their referrals and the applications and placements credited."""
from flask_admin import expose
from peewee import JOIN, Case, fn

from admin.views import StaffView
from core.jobs.models import Application, Job, Referral
from core.seekers.models import Seeker


def intermediaries():
    """[(seeker, referrals, credited applications, placements), …] for every seeker who referred anyone, most first."""
    referral_count = fn.COUNT(Referral.id)
    referrers = list(
        Seeker.select(Seeker, referral_count.alias("referral_count"))
        .join(Referral, on=(Referral.referrer == Seeker.id))
        .group_by(Seeker.id)
        .order_by(referral_count.desc(), Seeker.id)
        .limit(500)
    )
    credited = {}
    hired = fn.SUM(Case(None, [(Application.status == "hired", 1)], 0))
    query = (
        Application.select(Application.referrer, fn.COUNT(Application.id), hired)
        .where(Application.referrer.in_([seeker.id for seeker in referrers]))
        .group_by(Application.referrer)
        .tuples()
    )
    for referrer_id, applications, placements in query:
        credited[referrer_id] = (applications, int(placements or 0))
    return [(seeker, seeker.referral_count, *credited.get(seeker.id, (0, 0))) for seeker in referrers]


class IntermediaryView(StaffView):
    """Who refers whom, and what it led to."""

    @expose("/")
    def index(self):
        return self.render("staff/intermediaries.html", rows=intermediaries())

    @expose("/<int:seeker_id>/")
    def show(self, seeker_id):
        seeker = Seeker.get_or_none(Seeker.id == seeker_id)
        if seeker is None:
            return self.render("staff/not_found.html", what="intermediary"), 404
        referrals = (
            Referral.select(Referral, Job)
            .join(Job, join_type=JOIN.LEFT_OUTER, on=(Referral.job == Job.id))
            .where(Referral.referrer == seeker)
            .order_by(Referral.created_at.desc())
        )
        applications = (
            Application.select(Application, Job, Seeker)
            .join(Job)
            .switch(Application)
            .join(Seeker, on=(Application.seeker == Seeker.id))
            .where(Application.referrer == seeker)
            .order_by(Application.created_at.desc())
        )
        return self.render("staff/intermediary.html", seeker=seeker, referrals=referrals, applications=applications)
