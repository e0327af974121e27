"""Sponsored slots: sell a job shown first or a line on the USSD home screen; see what each one brought."""
import datetime
from decimal import Decimal

from flask import flash, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, RadioField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from admin import charts, stats
from core.jobs.slots import pending_counts
from admin.views import StaffView
from core.jobs import livejobs
from core.platform import clock
from core.jobs.models import Job, SponsoredSlot
from core.platform.models import AuditEvent, db
from core.reference.models import Category, Province

SLOT_FIELDS = ("kind", "job_id", "label", "categories", "provinces", "starts_on", "ends_on", "price_cents", "buyer")
HOME_LABEL_MAX = 40  # one line on a 182-character home screen that already lists the menu


class SlotForm(FlaskForm):
    kind = RadioField("Kind", choices=[SelectChoice("job", "A job shown first"), SelectChoice("home", "A line on the home screen")],
                      default="job", validators=[InputRequired()])
    job_ref = StringField("Job ref (for a job slot)", validators=[Optional(), Length(max=12)])
    label = StringField(f"Home-screen line (for a home slot, at most {HOME_LABEL_MAX} characters)",
                        validators=[Optional(), Length(max=HOME_LABEL_MAX)], render_kw={"maxlength": HOME_LABEL_MAX})
    categories = SelectMultipleField("Trades (none = all)")
    provinces = SelectMultipleField("Provinces (none = all)", coerce=int)
    starts_on = DateField("Starts on", validators=[InputRequired()])
    ends_on = DateField("Ends on", validators=[InputRequired()])
    price = DecimalField("Price (USD)", places=2, validators=[InputRequired(), NumberRange(min=0, max=1_000_000)])
    buyer = StringField("Buyer", validators=[Optional(), Length(max=120)])

    def fill_choices(self):
        self.categories.choices = [SelectChoice(c.code, c.name_en) for c in Category.select().order_by(Category.number)]
        self.provinces.choices = [SelectChoice(p.code, p.name_en) for p in Province.select().order_by(Province.name_en)]
        return self


class SlotView(StaffView):
    """Slots are money: only admins create or change them."""

    write_role = "admin"
    write_views = ("create", "edit")

    @expose("/")
    def index(self):
        slots = list(SponsoredSlot.select().order_by(SponsoredSlot.starts_on.desc(), SponsoredSlot.id.desc()))
        revenue = stats.revenue_by_month()
        return self.render(
            "staff/slots.html",
            slots=slots,
            pending=pending_counts(slot.id for slot in slots),
            revenue=revenue,
            revenue_chart=charts.hbars([(month, cents // 100) for month, cents in revenue]),
            running={slot.id for slot in SponsoredSlot.select().where(SponsoredSlot.running_on(clock.today()))},
        )

    @expose("/new", methods=("GET", "POST"))
    def create(self):
        form = SlotForm().fill_choices()
        if request.method == "GET":
            form.starts_on.data = clock.today()
            form.ends_on.data = form.starts_on.data + datetime.timedelta(days=30)
        return self._save(form, SponsoredSlot(created_by=current_user.email))

    @expose("/<int:slot_id>/edit", methods=("GET", "POST"))
    def edit(self, slot_id):
        slot = SponsoredSlot.get_or_none(SponsoredSlot.id == slot_id)
        if slot is None:
            return self.render("staff/not_found.html", what="slot"), 404
        form = SlotForm(formdata=request.form if request.method == "POST" else None).fill_choices()
        if request.method == "GET":
            form.kind.data = slot.kind
            form.job_ref.data = slot.job.ref if slot.job_id else ""
            form.label.data = slot.label or ""
            form.categories.data = list(slot.categories or [])
            form.provinces.data = [int(code) for code in slot.provinces or []]
            form.starts_on.data = slot.starts_on
            form.ends_on.data = slot.ends_on
            form.price.data = Decimal(slot.price_cents or 0) / 100
            form.buyer.data = slot.buyer or ""
        return self._save(form, slot)

    def _save(self, form, slot):
        if request.method == "POST":
            error = None
            job = None
            if not form.validate():
                error = "Check the fields marked below."
            elif form.ends_on.data < form.starts_on.data:
                error = "The slot must end on or after the day it starts."
            elif form.kind.data == "job":
                job = Job.by_ref(form.job_ref.data)
                if job is None:
                    error = "Give the ref of an existing job (e.g. J1101)."
                elif not Job.live().where(Job.id == job.id).exists():
                    error = (f"Job {job.ref} is {job.status} and its employer {job.employer.status}: only a live job "
                             "of a verified employer is shown, so only such a job can be sponsored.")
            elif not (form.label.data or "").strip():
                error = "Write the line to show on the home screen."
            if error is None:
                before = AuditEvent.snapshot(slot, SLOT_FIELDS) if slot.id else None
                slot.kind = form.kind.data
                slot.job = job
                slot.label = (form.label.data or "").strip() if slot.kind == "home" else None
                slot.categories = list(form.categories.data or [])
                slot.provinces = list(form.provinces.data or [])
                slot.starts_on = form.starts_on.data
                slot.ends_on = form.ends_on.data
                slot.price_cents = int(form.price.data * 100)
                slot.buyer = (form.buyer.data or "").strip() or None
                with db.atomic():
                    slot.save()
                    AuditEvent.record(
                        current_user.email, "slot.update" if before else "slot.create", slot, before, AuditEvent.snapshot(slot, SLOT_FIELDS)
                    )
                livejobs.bump_version()  # the menus put sponsored jobs first, so their cached lists must reload
                flash(f"Slot {slot.id} saved.", "success")
                return redirect(url_for("slot.index"))
            flash(error, "error")
        return self.render("staff/slot_form.html", form=form, slot=slot)
