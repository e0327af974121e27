"""The moderation queue: jobs waiting for review with each screening flag's reason, and jobs seekers reported."""
from flask import url_for
from flask_admin import expose

from admin.views import StaffView, job_action
from core.models import Employer, Job


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
        return self.render("staff/moderation.html", pending=pending, reported=reported)

    @expose("/<int:job_id>/<action>", methods=("POST",))
    def act(self, job_id, action):
        return job_action(job_id, action, next_url=url_for("moderation.index"))
