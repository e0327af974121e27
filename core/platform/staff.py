"""Staff accounts: argon2id password hashes, logging in, changing a password."""
import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from peewee import IntegrityError

from core.platform.models import db, ROLES, Staff

MIN_PASSWORD = 10

_hasher = PasswordHasher()


def hash_password(password):
    """An argon2id hash of `password`."""
    return _hasher.hash(password)


def check_password(staff, password):
    """True if `password` is this staff member's."""
    try:
        return _hasher.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _unknown_account_hash():
    """A hash no password matches, made like a real one, so checking an unknown account costs what a known one does."""
    return hash_password(secrets.token_urlsafe(32))


def authenticate(email, password):
    """The active account with this email and password, or None; as slow for an unknown email as for a known one."""
    staff = Staff.get_or_none((Staff.email == email) & (Staff.active == True))  # noqa: E712
    if staff is None:
        try:
            _hasher.verify(_unknown_account_hash(), password)
        except (VerificationError, InvalidHashError):
            pass
        return None
    return staff if check_password(staff, password) else None


def change_password(staff, current, new):
    """Set a new password after checking the current one and end every session of the account; ValueError if not."""
    error = None
    if not check_password(staff, current):
        error = "The current password is wrong."
    elif len(new or "") < MIN_PASSWORD:
        error = f"The new password needs at least {MIN_PASSWORD} characters."
    if error is not None:
        raise ValueError(error)
    with db.atomic():
        Staff.update(password_hash=hash_password(new)).where(Staff.id == staff.id).execute()
        Staff.end_sessions(staff.id)
    return Staff.get_by_id(staff.id)


def create_staff(email, password, role):
    """A new staff account; ValueError for a bad role, a short password or a taken email."""
    email = (email or "").strip().lower()
    error = None
    if role not in ROLES:
        error = f"role must be one of {', '.join(ROLES)}"
    elif "@" not in email:
        error = "email must look like name@example.org"
    elif len(password or "") < MIN_PASSWORD:
        error = f"password must have at least {MIN_PASSWORD} characters"
    if error is not None:
        raise ValueError(error)
    try:
        with db.atomic():
            return Staff.create(email=email, password_hash=hash_password(password), role=role)
    except IntegrityError:
        raise ValueError(f"{email} already has an account") from None
