"""Staff login and logout, the lockout after repeated failures, sessions that can be ended, and the role checks every
screen uses."""
import datetime
import logging
from urllib.parse import unquote, urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_user, logout_user

from core.platform.models import LoginThrottle, Staff, Tally, utcnow
from core.platform.staff import authenticate, change_password

log = logging.getLogger(__name__)

bp = Blueprint(
    "auth", __name__, url_prefix="/admin", template_folder="templates",
    static_folder="static", static_url_path="/assets",
)

ROLE_RANK = {"viewer": 0, "moderator": 1, "admin": 2}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Per account and address: a handful of guesses, then that address is locked out of that account for a while that
# doubles with each lockout in a day; the account stays open to every other address. Per address: enough for an
# office behind one NAT to mistype all morning, too few for one machine to try many accounts. Per account, from
# addresses it was never used from: enough to notice many machines guessing one password, and then only addresses
# the account logged in from before (KNOWN_FOR) get in, so staff keep a way in from their own.
MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 50
MAX_ACCOUNT_FAILURES = 20
LOCKOUT_WINDOW = datetime.timedelta(minutes=15)
MAX_LOCKOUT = datetime.timedelta(days=1)
KNOWN_FOR = datetime.timedelta(days=90)
MAX_NEXT = 2000


class StaffUser(UserMixin):
    """The logged-in staff member as Flask-Login sees them."""

    def __init__(self, staff):
        self.id = staff.id
        self.email = staff.email
        self.role = staff.role
        self.session_version = staff.session_version or 0

    def get_id(self):
        # The session stores this; a bumped version on the account makes every stored one stale.
        return f"{self.id}:{self.session_version}"

    def can(self, role):
        """True if this staff member's role is `role` or above."""
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


def load_staff(user_id):
    """Flask-Login's user loader: the active account whose session version matches, or None (logged out)."""
    staff_id, _, version = str(user_id).partition(":")
    try:
        staff = Staff.get_or_none((Staff.id == int(staff_id)) & (Staff.active == True))  # noqa: E712
        version = int(version)
    except ValueError:
        return None
    if staff is None or (staff.session_version or 0) != version:
        return None
    return StaffUser(staff)


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


def safe_next(target, default):
    """`target` if it is a path on this site, else `default`: a crafted ?next= must not send staff elsewhere."""
    # Browsers drop tabs and newlines and read a backslash as a slash, so "/<tab>/evil.example" or "/\evil.example"
    # is "//evil.example", another host; percent-encoded forms are checked decoded as well.
    if not target or len(target) > MAX_NEXT:
        return default
    for form in (target, unquote(target)):
        if any(ord(char) < 0x20 or ord(char) == 0x7F or char == "\\" for char in form):
            return default
        if not form.startswith("/") or form.startswith("//"):
            return default
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return default
    return target


def _address():
    return request.remote_addr or "-"


def _attempt_allowed(email):
    """Count this attempt before the password is checked, so parallel guesses cannot all pass a check made first;
    False when this address may not try this account now."""
    address = _address()
    pair = f"{email}|{address}"
    if LoginThrottle.hit(f"address:{address}", LOCKOUT_WINDOW) > MAX_ADDRESS_FAILURES:
        return False  # before the account's rows: a locked-out address cannot fill the table with made-up emails
    if Tally.until(f"login-locked:{pair}") is not None:
        return False
    failures = LoginThrottle.hit(f"account:{pair}", LOCKOUT_WINDOW)
    if failures > MAX_FAILURES:
        if failures == MAX_FAILURES + 1:  # exactly one attempt sees the lock begin
            _lock(pair)
        return False
    if Tally.until(f"login-known:{pair}") is None:
        return LoginThrottle.hit(f"account:{email}", LOCKOUT_WINDOW) <= MAX_ACCOUNT_FAILURES
    return True


def _lock(pair):
    """This address is locked out of this account for the rest of the 15-minute window; each further lockout within
    a day holds it twice as long as the last."""
    lockouts = Tally.hit(f"login-lockouts:{pair}", MAX_LOCKOUT)
    if lockouts > 1:
        Tally.hold(f"login-locked:{pair}", utcnow() + min(LOCKOUT_WINDOW * 2 ** (lockouts - 1), MAX_LOCKOUT))


def _succeeded(email):
    address = _address()
    pair = f"{email}|{address}"
    LoginThrottle.forgive(f"account:{pair}")
    LoginThrottle.forgive(f"address:{address}", 1)
    if Tally.until(f"login-known:{pair}") is None:  # only an unknown address's attempt was counted on the account
        LoginThrottle.forgive(f"account:{email}", 1)
    Tally.hold(f"login-known:{pair}", utcnow() + KNOWN_FOR)  # this address is the staff member's own
    LoginThrottle.prune(LOCKOUT_WINDOW)


@bp.route("/login", methods=("GET", "POST"))
def login():
    """Log a staff member in; refuse for a while after repeated failures."""
    status = 200
    if request.method == "POST":
        email = request.form.get("email", "").strip().lower()[:254]
        password = request.form.get("password", "")[:1000]
        error = None
        staff = None
        if not _attempt_allowed(email):
            error = "Too many failed logins from this address. Wait 15 minutes or more and try again."
            status = 429
        else:
            staff = authenticate(email, password)
            if staff is None:
                log.info("failed staff login for %s from %s", email, request.remote_addr)
                error = "Wrong email or password."
                status = 401
        if error is None:
            _succeeded(email)
            # A fresh session at login: nothing an attacker planted before (a fixed session, a CSRF secret) survives.
            session.clear()
            login_user(StaffUser(staff))
            Staff.update(last_login_at=utcnow()).where(Staff.id == staff.id).execute()
            return redirect(safe_next(request.args.get("next"), url_for("admin.index")))
        flash(error, "error")
    return render_template("staff/login.html"), status


@bp.post("/logout")
def logout():
    """End every session of this account (POST, so a link on another site cannot log staff out)."""
    if current_user.is_authenticated:
        Staff.end_sessions(current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=("GET", "POST"))
def password():
    """Change one's own password; every other session of the account ends, this one goes on."""
    refused = guard("viewer", "viewer")
    if refused is not None:
        return refused
    status = 200
    if request.method == "POST":
        error = None
        new = request.form.get("new_password", "")[:1000]
        if new != request.form.get("confirm_password", "")[:1000]:
            error = "The two new passwords differ."
        else:
            try:
                staff = change_password(Staff.get_by_id(current_user.id), request.form.get("password", "")[:1000], new)
            except ValueError as problem:
                error = str(problem)
        if error is None:
            session.clear()
            login_user(StaffUser(staff))
            flash("Password changed. Every other session of this account has ended.", "success")
            return redirect(url_for("admin.index"))
        flash(error, "error")
        status = 400
    return render_template("staff/password.html"), status
