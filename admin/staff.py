"""Staff accounts (admins only): create, change role, deactivate. Every change is in the audit log."""
from flask import flash, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user

from admin.views import StaffView
from core.platform.models import AuditEvent, db, ROLES, Staff
from core.platform.staff import create_staff


STAFF_FIELDS = ("email", "role", "active")


class StaffAccountView(StaffView):
    """Who may log in, and with which role."""

    read_role = "admin"
    write_role = "admin"

    @expose("/")
    def index(self):
        return self.render("staff/staff.html", accounts=Staff.select().order_by(Staff.email), roles=ROLES)

    @expose("/new", methods=("POST",))
    def create(self):
        error = None
        try:
            staff = create_staff(request.form.get("email", "")[:254], request.form.get("password", ""),
                                 request.form.get("role", ""))
        except ValueError as problem:
            error = str(problem)
        if error is None:
            AuditEvent.record(current_user.email, "staff.create", staff, None, AuditEvent.snapshot(staff, STAFF_FIELDS))
            flash(f"Created {staff.role} {staff.email}.", "success")
        else:
            flash(error, "error")
        return redirect(url_for("staff.index"))

    @expose("/<int:staff_id>/update", methods=("POST",))
    def update(self, staff_id):
        staff = Staff.get_or_none(Staff.id == staff_id)
        role = request.form.get("role", "")
        active = request.form.get("active") == "1"
        error = None
        if staff is None:
            error = "No such staff account."
        elif role not in ROLES:
            error = f"Role must be one of {', '.join(ROLES)}."
        elif staff.id == current_user.id and (role != "admin" or not active):
            error = "You cannot demote or deactivate yourself: ask another admin."
        if error is None:
            with db.atomic():
                before = AuditEvent.snapshot(staff, STAFF_FIELDS)
                staff.role = role
                staff.active = active
                staff.save(only=(Staff.role, Staff.active))
                if not active:
                    Staff.end_sessions(staff.id)  # a disabled account's open sessions end now, not at next login
                AuditEvent.record(current_user.email, "staff.update", staff, before, AuditEvent.snapshot(staff, STAFF_FIELDS))
            flash(f"{staff.email} is now {'an active' if active else 'an inactive'} {role}.", "success")
        else:
            flash(error, "error")
        return redirect(url_for("staff.index"))
