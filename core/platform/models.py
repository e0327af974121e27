"""The database handle, the base model and the platform's tables: staff, audit, login throttle, tallies."""

import contextlib
import contextvars
import datetime
import functools
import json

from peewee import (
    BooleanField,
    Case,
    CharField,
    Check,
    DatabaseProxy,
    DateTimeField,
    IntegerField,
    Model,
    TextField,
    fn,
)

db = DatabaseProxy()
ROLES = ("admin", "moderator", "viewer")


@functools.lru_cache(maxsize=None)
def _with_placeholder(template, placeholder):
    return template.replace("?", placeholder)


def hot_sql(template):
    """SQL written out once, with "?" for parameters, in this database's placeholder style. For the steps a person
    waits on: building a query with peewee costs tens of times what running it does."""
    return _with_placeholder(template, db.param)


def utcnow():
    """Naive UTC now: every timestamp in the database is naive UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def status_field(statuses, default, **options):
    """A status column that takes only `statuses`: a CHECK in the database, a choice in the admin."""
    listed = ", ".join(f"'{status}'" for status in statuses)
    return CharField(default=default, choices=[(status, status) for status in statuses],
                     constraints=[Check(f"status IN ({listed})")], **options)


class JSONField(TextField):
    """JSON stored as text, so SQLite and PostgreSQL share one schema."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Staff(BaseModel):
    """A staff member of the admin web app."""

    email = CharField(unique=True)
    password_hash = CharField()
    role = CharField(default="viewer")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    # Part of the session's user id: bumping it (logout, password change, deactivation) ends every session at once.
    session_version = IntegerField(default=0)

    @classmethod
    def end_sessions(cls, staff_id):
        """Invalidate every session of this account."""
        return (
            cls.update(session_version=fn.COALESCE(cls.session_version, 0) + 1)
            .where(cls.id == staff_id)
            .execute()
        )


_ACTING_STAFF = contextvars.ContextVar("acting_staff", default=None)


class AuditEvent(BaseModel):
    """Who did what to which record, with the record before and after."""

    actor = CharField()
    action = CharField(index=True)
    target_type = CharField()
    target_id = CharField()
    before = JSONField(null=True)
    after = JSONField(null=True)
    created_at = DateTimeField(default=utcnow, index=True)

    @staticmethod
    @contextlib.contextmanager
    def on_behalf(staff):
        """Within this block every event names `staff` as acting for whoever the code records (the simulator)."""
        token = _ACTING_STAFF.set(staff)
        try:
            yield
        finally:
            _ACTING_STAFF.reset(token)

    @staticmethod
    def acting():
        """The staff member acting on someone's behalf in this block (the simulators), or None."""
        return _ACTING_STAFF.get()

    @staticmethod
    def snapshot(row, fields):
        """The named fields of a row as JSON-able values, for `before`/`after`."""
        return {
            name: value.isoformat(sep=" ", timespec="seconds") if isinstance(value, datetime.datetime)
            else value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in ((name, getattr(row, name)) for name in fields)
        }

    @classmethod
    def record(cls, actor, action, target, before=None, after=None):
        """Append one event for a model instance (as "<staff> as <actor>" while staff act on someone's behalf)."""
        staff = _ACTING_STAFF.get()
        return cls.create(
            actor=actor if staff is None else f"{staff} as {actor}",
            action=action,
            target_type=type(target).__name__,
            target_id=str(target.get_id()),
            before=before,
            after=after,
        )


class LoginThrottle(BaseModel):
    """Staff login attempts counted per key (an account or an address) within a window.

    In the database, not Redis, so a lockout holds while Redis is down; one upsert per attempt, so parallel guesses
    are counted exactly.
    """

    key = CharField(primary_key=True)
    attempts = IntegerField(default=0)
    window_start = DateTimeField(default=utcnow, index=True)

    @classmethod
    def hit(cls, key, window):
        """Count one attempt on `key` and return the attempts in its window (a window older than `window` restarts)."""
        now = utcnow()
        expired = cls.window_start < now - window
        cursor = (
            cls.insert(key=key, attempts=1, window_start=now)
            .on_conflict(
                conflict_target=[cls.key],
                update={
                    cls.attempts: Case(None, [(expired, 1)], cls.attempts + 1),
                    cls.window_start: Case(None, [(expired, now)], cls.window_start),
                },
            )
            .returning(cls.attempts)
            .execute()
        )
        return next(iter(cursor)).attempts

    @classmethod
    def forgive(cls, key, attempts=None):
        """Take back `attempts` (all when None) from `key`: a successful login is no failure."""
        if attempts is None:
            return cls.delete().where(cls.key == key).execute()
        return (
            cls.update(attempts=cls.attempts - attempts)
            .where((cls.key == key) & (cls.attempts >= attempts))
            .execute()
        )

    @classmethod
    def prune(cls, window):
        """Forget windows that ended: they would never count again."""
        return cls.delete().where(cls.window_start < utcnow() - window).execute()


class Tally(BaseModel):
    """A count per key within a window that restarts once it has passed: the inbound SMS reply limit and the like.

    In the database, so it holds with Redis down; one upsert per hit, so parallel hits are counted exactly."""

    key = CharField(primary_key=True)
    hits = IntegerField(default=0)
    expires_at = DateTimeField(index=True)

    @classmethod
    def hit(cls, key, window):
        """Count one on `key`; returns the count in its window (a window that has passed starts again at 1)."""
        now = utcnow()
        over = cls.expires_at <= now
        cursor = (
            cls.insert(key=key, hits=1, expires_at=now + window)
            .on_conflict(
                conflict_target=[cls.key],
                update={cls.hits: Case(None, [(over, 1)], cls.hits + 1),
                        cls.expires_at: Case(None, [(over, now + window)], cls.expires_at)},
            )
            .returning(cls.hits)
            .execute()
        )
        return next(iter(cursor)).hits

    @classmethod
    def hold(cls, key, until):
        """Mark `key` until a time (a lock's end, an address known to an account); one upsert."""
        cls.insert(key=key, hits=1, expires_at=until).on_conflict(
            conflict_target=[cls.key], update={cls.expires_at: until, cls.hits: cls.hits + 1}).execute()

    @classmethod
    def until(cls, key):
        """When `key`'s mark ends, or None when it has none (or it has passed)."""
        row = cls.get_or_none((cls.key == key) & (cls.expires_at > utcnow()))
        return row.expires_at if row is not None else None

    @classmethod
    def prune(cls):
        """Forget windows that have passed."""
        return cls.delete().where(cls.expires_at <= utcnow()).execute()
