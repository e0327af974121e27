"""Staff login and logout, the lockout after repeated failures, and the role checks every screen uses."""
import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_user, logout_user

from core import runtime
from core.models import Staff, utcnow
from core.staff import check_password

log = logging.getLogger(__name__)

bp = Blueprint(
    "auth", __name__, url_prefix="/admin", template_folder="templates",
    static_folder="static", static_url_path="/assets",
)

ROLE_RANK = {"viewer": 0, "moderator": 1, "admin": 2}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60


class StaffUser(UserMixin):
    """The logged-in staff member as Flask-Login sees them."""

    def __init__(self, staff):
        self.id = staff.id
        self.email = staff.email
        self.role = staff.role

    def can(self, role):
        """True if this staff member's role is `role` or above."""
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


def load_staff(staff_id):
    """Flask-Login's user loader: an active staff account, or None (which logs the session out)."""
    try:
        staff = Staff.get_or_none((Staff.id == int(staff_id)) & (Staff.active == True))  # noqa: E712
    except ValueError:
        return None
    return StaffUser(staff) if staff is not None else None


def has_role(role):
    """True if someone is logged in with `role` or above."""
    return current_user.is_authenticated and current_user.can(role)


def guard(read_role="viewer", write_role="moderator"):
    """The access rule for the current request: login, then the role to read, then the role to change anything.

    Returns a response (redirect to login) or None; aborts 403 for a role that is too low.
    """
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path if request.method in SAFE_METHODS else None))
    if not current_user.can(read_role):
        abort(403)
    if request.method not in SAFE_METHODS and not current_user.can(write_role):
        abort(403)
    return None


def _failure_keys(email):
    return (f"bp:login-fail:account:{email}", f"bp:login-fail:ip:{request.remote_addr or '-'}")


def _locked_out(email):
    """True when the account or the address failed MAX_FAILURES times within the lockout window."""
    counts = runtime.Runtime.redis.mget(_failure_keys(email))
    return any(int(count or 0) >= MAX_FAILURES for count in counts)


def _record_failure(email):
    pipe = runtime.Runtime.redis.pipeline()
    for key in _failure_keys(email):
        pipe.incr(key)
        pipe.expire(key, LOCKOUT_SECONDS, nx=True)  # the window starts at the first failure, not the last
    pipe.execute()


def _safe_next(target):
    """Only a path on this site: a crafted ?next= must not send staff elsewhere after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("admin.index")


@bp.route("/login", methods=("GET", "POST"))
def login():
    """Log a staff member in; refuse for a while after repeated failures."""
    status = 200
    if request.method == "POST":
        email = request.form.get("email", "").strip().lower()[:254]
        password = request.form.get("password", "")
        error = None
        staff = None
        if _locked_out(email):
            error = "Too many failed logins. Wait 15 minutes and try again."
            status = 429
        else:
            staff = Staff.get_or_none((Staff.email == email) & (Staff.active == True))  # noqa: E712
            if staff is None or not check_password(staff, password):
                _record_failure(email)
                log.info("failed staff login for %s from %s", email, request.remote_addr)
                error = "Wrong email or password."
                status = 401
        if error is None:
            # A fresh session at login: nothing an attacker planted before (a fixed session, a CSRF secret) survives.
            session.clear()
            login_user(StaffUser(staff))
            runtime.Runtime.redis.delete(_failure_keys(email)[0])
            Staff.update(last_login_at=utcnow()).where(Staff.id == staff.id).execute()
            return redirect(_safe_next(request.args.get("next")))
        flash(error, "error")
    return render_template("staff/login.html"), status


@bp.post("/logout")
def logout():
    """End the staff session (POST, so a link on another site cannot log staff out)."""
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
