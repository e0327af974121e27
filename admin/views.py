"""The staff screens: the access rule every screen shares, the dashboard, and the lists built on Flask-Admin."""
import json

from flask import flash, g, redirect, request, url_for
from flask_admin import AdminIndexView, BaseView, expose
from flask_admin.contrib.peewee import ModelView
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from wtforms import IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from admin import charts, stats
from admin.auth import guard, has_role
from admin.display import SECRET_KINDS, contact_link, mask_numbers, message_text, wage, when
from core.jobs import moderation
from core.outbound import outbox
from core.platform import runtime
from core.seekers.applications import record_hire
from core.lifecycle import MESSAGES
from core.jobs.models import Application, Employer, Job, SponsoredSlot
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent
from core.reference.models import Category, Province
from core.seekers.models import Seeker
from core.text.phone import normalise_msisdn


class Guarded:
    """Every screen: login first; `read_role` to see it; `write_role` for any unsafe request (POST…) and for the
    pages listed in `write_views` (forms that exist only to change something)."""

    read_role = "viewer"
    write_role = "moderator"
    write_views = ()

    def is_accessible(self):
        return has_role(self.read_role)

    def is_visible(self):
        return has_role(self.read_role)

    def create_blueprint(self, admin):
        """Flask-Admin's blueprint for this screen, with every request to it checked first (check_access)."""
        blueprint = super().create_blueprint(admin)
        blueprint.before_request(self.check_access)
        return blueprint

    def check_access(self):
        """The access rule for a request to this screen: a redirect to log in, a 403, or None to go on."""
        if request.endpoint == f"{self.endpoint}.static":
            return None  # the staff pages' own assets: the login page needs them
        if request.endpoint.rpartition(".")[2] in self.write_views:
            return guard(self.write_role, self.write_role)
        return guard(self.read_role, self.write_role)


class StaffView(Guarded, BaseView):
    """A custom (workflow) screen."""


class StaffModelView(Guarded, ModelView):
    """A Flask-Admin list of one model: read-only unless a subclass opens it to its write role."""

    form_base_class = FlaskForm  # Flask-WTF's form carries the CSRF token our global check expects
    can_create = False
    can_edit = False
    can_delete = False
    can_view_details = False
    page_size = 50
    search_hint = "Search"

    def search_placeholder(self):
        """What the search box finds (Flask-Admin's peewee views have none and would show "None")."""
        return self.search_hint


def _link(endpoint, text, **values):
    return Markup('<a href="{}">{}</a>').format(url_for(endpoint, **values), text)


class DashboardView(Guarded, AdminIndexView):
    """Counts and charts of what the service does."""

    @expose("/")
    def index(self):
        data = stats.dashboard()
        chart = {
            "applications": charts.columns(data["applications_per_day"]),
            "placements": charts.columns(data["placements_per_day"], colour="#3c8d40"),
            "jobs": charts.columns(data["jobs_per_day"], colour="#8a5a00"),
            "by_province": charts.hbars(data["jobs_by_province"]),
            "by_trade": charts.hbars(data["jobs_by_trade"]),
            "applications_by_trade": charts.hbars(data["applications_by_trade"]),
        }
        from admin.voice import readiness

        unspoken = [row for row in readiness() if not row["spoken"]]
        return self.render("staff/dashboard.html", counts=data["counts"], chart=chart,
                           shares=data["shares_by_channel"], slot_counts=data["slot_counts"], unspoken=unspoken,
                           spend=data["spend"])


class EmployerView(StaffModelView):
    """Employers: search, and each one's page to verify (with a note) or suspend."""

    column_list = ("name", "msisdn", "province", "status", "verified_by", "verified_at", "created_at")
    column_searchable_list = (Employer.name, Employer.msisdn)
    search_hint = "Name or number"
    column_filters = ("status",)
    column_default_sort = ("created_at", True)
    column_formatters = {
        "name": lambda v, c, m, n: _link("employer.show", m.name, employer_id=m.id),
        "msisdn": lambda v, c, m, n: contact_link(m.msisdn, masked=False),  # employers' numbers are public
        "province": lambda v, c, m, n: m.province.name_en if m.province_id else "–",
        "verified_at": lambda v, c, m, n: when(m.verified_at),
        "created_at": lambda v, c, m, n: when(m.created_at),
    }

    @expose("/<int:employer_id>/")
    def show(self, employer_id):
        employer = Employer.get_or_none(Employer.id == employer_id)
        if employer is None:
            return self.render("staff/not_found.html", what="employer"), 404
        jobs = employer.jobs.order_by(Job.created_at.desc())
        return self.render("staff/employer.html", employer=employer, jobs=jobs)

    @expose("/<int:employer_id>/verify", methods=("POST",))
    def verify(self, employer_id):
        return _employer_action(employer_id, moderation.verify_employer, request.form.get("note", ""), "verified")

    @expose("/<int:employer_id>/suspend", methods=("POST",))
    def suspend(self, employer_id):
        return _employer_action(employer_id, moderation.suspend_employer, request.form.get("reason", ""), "suspended")


def _employer_action(employer_id, action, text, done):
    employer = Employer.get_or_none(Employer.id == employer_id)
    if employer is None:
        flash("No such employer.", "error")
        return redirect(url_for("employer.index_view"))
    error = None
    try:
        action(employer, current_user.email, text[:1000])
    except ValueError as problem:
        error = str(problem)
    if error is None:
        flash(f"{employer.name} is {done}.", "success")
    else:
        flash(error, "error")
    return redirect(url_for("employer.show", employer_id=employer.id))


class JobEditForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired(), Length(max=160)])
    wage_amount = IntegerField("Wage (empty if none was given)", validators=[Optional(), NumberRange(min=1)])
    wage_currency = SelectField("Currency", choices=[SelectChoice(code, code) for code in moderation.CURRENCIES])
    wage_period = SelectField("Per")
    positions = IntegerField("Workers wanted", validators=[InputRequired(), NumberRange(min=1, max=10_000)])
    category_id = SelectField("Trade", coerce=int)
    province_id = SelectField("Province", coerce=int)

    def fill_choices(self):
        self.wage_period.choices = [SelectChoice(period, period) for period in moderation.wage_periods()]
        self.category_id.choices = [SelectChoice(c.number, c.name_en) for c in Category.select().order_by(Category.number)]
        self.province_id.choices = [SelectChoice(p.code, p.name_en) for p in Province.select().order_by(Province.name_en)]
        return self


class JobView(StaffModelView):
    """Every job; each one's page shows its flags, its applicants (numbers in full there only) and the actions."""

    write_views = ("edit",)

    column_list = ("ref", "title", "employer", "category", "province", "wage_amount", "status", "report_count",
                   "created_at")
    column_labels = {"wage_amount": "Wage", "report_count": "Reports"}
    column_searchable_list = (Job.ref, Job.title)
    search_hint = "Ref or title"
    column_filters = ("status", "source")
    column_default_sort = ("created_at", True)
    column_formatters = {
        "ref": lambda v, c, m, n: _link("job.show", m.ref, job_id=m.id),
        "employer": lambda v, c, m, n: m.employer.name,
        "category": lambda v, c, m, n: m.category.name_en,
        "province": lambda v, c, m, n: m.province.name_en,
        "wage_amount": lambda v, c, m, n: wage(m),
        "created_at": lambda v, c, m, n: when(m.created_at),
    }

    def get_query(self):
        return Job.select(Job, Employer).join(Employer)

    @expose("/<int:job_id>/")
    def show(self, job_id):
        job = Job.get_or_none(Job.id == job_id)
        if job is None:
            return self.render("staff/not_found.html", what="job"), 404
        applications = (
            Application.select(Application, Seeker)
            .join(Seeker, on=(Application.seeker == Seeker.id))
            .where(Application.job == job)
            .order_by(Application.created_at.desc())
        )
        slots = job.slots.order_by(SponsoredSlot.starts_on.desc())
        return self.render("staff/job.html", job=job, applications=applications, slots=slots)

    @expose("/<int:job_id>/<action>", methods=("POST",))
    def act(self, job_id, action):
        return job_action(job_id, action, next_url=url_for("job.show", job_id=job_id))

    @expose("/<int:job_id>/edit", methods=("GET", "POST"))
    def edit(self, job_id):
        """Correct a job's fields: audited, screened again, applicants told a new wage (core.jobs.moderation.edit_job)."""
        job = Job.get_or_none(Job.id == job_id)
        if job is None:
            return self.render("staff/not_found.html", what="job"), 404
        form = JobEditForm(formdata=request.form if request.method == "POST" else None, obj=job).fill_choices()
        status = 200
        if request.method == "POST":
            error = None
            if not form.validate():
                error = "Check the fields marked below."
            else:
                try:
                    moderation.edit_job(job, current_user.email, **{
                        name: getattr(form, name).data for name in moderation.EDIT_FIELDS})
                except ValueError as problem:
                    error = str(problem)
            if error is None:
                flash(f"{job.ref} saved." + (f" Screening flagged it; it is {job.status} for review."
                                             if job.flags else ""), "warning" if job.flags else "success")
                return redirect(url_for("job.show", job_id=job.id))
            flash(error, "error")
            status = 400
        return self.render("staff/job_form.html", form=form, job=job), status

    @expose("/<int:job_id>/applications/<int:application_id>/hired", methods=("POST",))
    def hired(self, job_id, application_id):
        """Record a placement staff heard about (employers usually text HIRED themselves)."""
        application = (
            Application.select(Application, Seeker)
            .join(Seeker, on=(Application.seeker == Seeker.id))
            .where((Application.id == application_id) & (Application.job == job_id))
            .first()
        )
        if application is None:
            flash("No such application to this job.", "error")
        elif application.status == "hired":
            flash("Already recorded as hired.", "error")
        else:
            record_hire(application.job, application.seeker.msisdn, current_user.email)
            flash("Placement recorded.", "success")
        return redirect(url_for("job.show", job_id=job_id))


JOB_ACTIONS = {
    "approve": (lambda job, actor, reason: moderation.approve_job(job, actor), "is live"),
    "reject": (moderation.reject_job, "is rejected; the employer was told why"),
    "hide": (moderation.hide_job, "is hidden"),
    "close": (lambda job, actor, reason: moderation.close_job(job, actor), "is closed"),
}


def job_action(job_id, action, next_url):
    """Carry out one moderation action on a job from a form post, flash the outcome and go back."""
    job = Job.get_or_none(Job.id == job_id)
    error = None
    if job is None:
        error = "No such job."
    elif action not in JOB_ACTIONS:
        error = "Unknown action."
    if error is None:
        run, done = JOB_ACTIONS[action]
        try:
            run(job, current_user.email, request.form.get("reason", "")[:1000])
        except ValueError as problem:
            error = str(problem)
    if error is None:
        flash(f"{job.ref} {done}.", "success")
    else:
        flash(error, "error")
    return redirect(next_url)


class SeekerView(StaffModelView):
    """Seekers with masked numbers: staff never need a seeker's number to do their work here, but can find a seeker
    by the whole number in any format a caller gives it (+85512000010, 012 000 010) or by referral code."""

    column_list = ("msisdn", "language", "home_province", "reach", "alerts_on", "opted_out_at", "referral_code",
                   "created_at")
    column_labels = {"msisdn": "Number", "opted_out_at": "Opted out"}
    column_searchable_list = (Seeker.referral_code,)
    search_hint = "Phone number or referral code"

    def get_list(self, page, sort_field, sort_desc, search, filters, execute=True, page_size=None):
        # A whole number matches exactly, never as a substring, so the search cannot be used to unmask numbers.
        g.seeker_msisdn = normalise_msisdn(search) if search else None
        if g.seeker_msisdn:
            search = None
        return super().get_list(page, sort_field, sort_desc, search, filters, execute, page_size)

    def get_query(self):
        query = super().get_query()
        msisdn = g.get("seeker_msisdn")
        return query.where(Seeker.msisdn == msisdn) if msisdn else query
    column_filters = ("language", "alerts_on", "reach")
    column_default_sort = ("created_at", True)
    column_formatters = {
        "msisdn": lambda v, c, m, n: contact_link(m.msisdn),
        # A seeker who never chose a language reads [app] default_language: say which one that is.
        "language": lambda v, c, m, n: m.language or f"{runtime.current().config['app']['default_language']} "
                                                      "(default)",
        "home_province": lambda v, c, m, n: m.home_province.name_en if m.home_province_id else "–",
        "opted_out_at": lambda v, c, m, n: when(m.opted_out_at),
        "created_at": lambda v, c, m, n: when(m.created_at),
    }


class OutboxView(StaffModelView):
    """Every outbound SMS: status, delivery report, cost, error; failed ones can be sent again."""

    column_list = ("id", "msisdn", "kind", "text", "status", "delivery_status", "cost", "attempts", "error",
                   "created_at", "sent_at")
    column_labels = {"msisdn": "To", "delivery_status": "Delivery"}
    column_filters = ("status", "kind", "delivery_status")
    column_searchable_list = (OutboundMessage.text,)
    search_hint = "Words in the message"
    column_default_sort = ("id", True)
    column_formatters = {
        "msisdn": lambda v, c, m, n: contact_link(m.msisdn),
        "text": lambda v, c, m, n: message_text(m),
        "error": lambda v, c, m, n: m.error or "",
        "created_at": lambda v, c, m, n: when(m.created_at),
        "sent_at": lambda v, c, m, n: when(m.sent_at),
        "status": lambda v, c, m, n: _retry_button(m),
    }

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        g.outbox_search = bool(search)
        return super().get_list(page, sort_column, sort_desc, search, filters, execute, page_size)

    def get_query(self):
        query = super().get_query()
        if g.get("outbox_search"):  # a search for digits must not find out a live code by its matches
            query = query.where(OutboundMessage.kind.not_in(SECRET_KINDS))
        return query

    @expose("/<int:message_id>/retry", methods=("POST",))
    def retry(self, message_id):
        message = OutboundMessage.get_or_none(OutboundMessage.id == message_id)
        if message is not None and outbox.retry(message_id, current_user.email):
            if message.status == "unknown":
                flash(f"Message {message_id} is queued again. Its first sending was interrupted and may have reached "
                      "the phone already: it may arrive twice.", "warning")
            else:
                flash(f"Message {message_id} is queued again.", "success")
        else:
            flash(f"Message {message_id} is not failed, rejected, cancelled or unknown; nothing to retry.", "error")
        return redirect(url_for("outboundmessage.index_view", **request.args))


def _retry_button(message):
    # Staff may queue these again; an `unknown` one may have reached the phone already, and the button says so.
    if message.status not in MESSAGES.sources("retry") or not has_role("moderator"):
        return message.status
    return Markup(
        '{} <form method="post" action="{}" class="d-inline"><input type="hidden" name="csrf_token" value="{}">'
        '<button class="btn btn-sm btn-outline-primary" type="submit" title="{}">Retry</button></form>'
    ).format(message.status, url_for("outboundmessage.retry", message_id=message.id), generate_csrf(),
             "It may arrive twice: its first sending was interrupted" if message.status == "unknown" else "Send again")


class AuditView(StaffModelView):
    """Who did what, when, with the record before and after."""

    column_list = ("created_at", "actor", "action", "target_type", "target_id", "before", "after")
    column_filters = ("action", "actor", "target_type")
    column_searchable_list = (AuditEvent.actor, AuditEvent.action)
    search_hint = "Who or what action"
    column_default_sort = ("id", True)
    column_formatters = {
        "created_at": lambda v, c, m, n: when(m.created_at),
        "before": lambda v, c, m, n: _json(m.before),
        "after": lambda v, c, m, n: _json(m.after),
        "target_id": lambda v, c, m, n: _target_link(m),
    }


def _json(value):
    if value is None:
        return ""
    return Markup("<code>{}</code>").format(mask_numbers(json.dumps(value, ensure_ascii=False, sort_keys=True)))


def _target_link(event):
    if event.target_type == "Job":
        return _link("job.show", event.target_id, job_id=int(event.target_id))
    if event.target_type == "Employer":
        return _link("employer.show", event.target_id, employer_id=int(event.target_id))
    if event.target_type == "msisdn":  # the simulator's events name the number acted as
        return contact_link(event.target_id)
    return mask_numbers(event.target_id)


def screens():
    """Every screen after the dashboard, in menu order."""
    from admin.contacts import ContactView, InboundView
    from admin.intermediaries import IntermediaryView
    from admin.moderation import ModerationView
    from admin.simulator import SimulatorView
    from admin.slots import SlotView
    from admin.staff import StaffAccountView
    from admin.voice import CallLogView, PromptView, VoiceSimulatorView
    from core.outbound.models import Call

    return [
        ModerationView(name="Moderation", endpoint="moderation", url="/admin/moderation"),
        EmployerView(Employer, name="Employers", endpoint="employer", url="/admin/employers"),
        JobView(Job, name="Jobs", endpoint="job", url="/admin/jobs"),
        SeekerView(Seeker, name="Seekers", endpoint="seeker", url="/admin/seekers"),
        IntermediaryView(name="Intermediaries", endpoint="intermediary", url="/admin/intermediaries"),
        SlotView(name="Sponsored slots", endpoint="slot", url="/admin/slots"),
        OutboxView(OutboundMessage, name="Messages", endpoint="outboundmessage", url="/admin/messages"),
        InboundView(name="Inbound SMS", endpoint="inbound", url="/admin/inbound"),
        ContactView(name="Find a number", endpoint="contact", url="/admin/contacts"),
        AuditView(AuditEvent, name="Audit log", endpoint="audit", url="/admin/audit"),
        StaffAccountView(name="Staff", endpoint="staff", url="/admin/staff"),
        SimulatorView(name="Phone simulator", endpoint="simulator", url="/admin/simulator"),
        CallLogView(Call, name="Calls", endpoint="call", url="/admin/calls"),
        PromptView(name="Voice prompts", endpoint="prompt", url="/admin/prompts"),
        VoiceSimulatorView(name="Voice simulator", endpoint="voicesim", url="/admin/voice-simulator"),
    ]
