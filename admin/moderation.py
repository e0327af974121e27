"""The moderation queue: jobs waiting for review with each screening flag's reason, jobs seekers reported, and
listings whose employer has not answered our question for a day."""
import datetime

from flask import url_for
from flask_admin import expose

from admin.views import StaffView, job_action
from core.jobs.models import Employer, Job, ListingDraft
from core.platform.models import utcnow


class ModerationView(StaffView):
    """Approve or reject pending jobs; look again at reported or hidden ones."""

    @expose("/")
    def index(self):
        pending = (
            Job.select(Job, Employer)
            .join(Employer)
            .where(Job.status == "pending")
            .order_by(Job.created_at)
        )
        reported = (
            Job.reported()
            .select_extend(Employer)
            .join(Employer)
            .order_by(Job.report_count.desc(), Job.created_at)
        )
        unanswered = ListingDraft.stale(utcnow() - datetime.timedelta(days=1)).select_extend(Employer).join(Employer)
        return self.render("staff/moderation.html", pending=pending, reported=reported, unanswered=unanswered)

    @expose("/<int:job_id>/<action>", methods=("POST",))
    def act(self, job_id, action):
        return job_action(job_id, action, next_url=url_for("moderation.index"))
