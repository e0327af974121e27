"""Staff accounts: argon2id password hashes."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from peewee import IntegrityError

from core.models import ROLES, Staff, db

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


def create_staff(email, password, role):
    """A new staff account; ValueError for a bad role, a short password or a taken email."""
    email = (email or "").strip().lower()
    error = None
    if role not in ROLES:
        error = f"role must be one of {', '.join(ROLES)}"
    elif "@" not in email:
        error = "email must look like name@example.org"
    elif len(password or "") < 10:
        error = "password must have at least 10 characters"
    if error is not None:
        raise ValueError(error)
    try:
        with db.atomic():
            return Staff.create(email=email, password_hash=hash_password(password), role=role)
    except IntegrityError:
        raise ValueError(f"{email} already has an account") from None
