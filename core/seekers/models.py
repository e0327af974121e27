"""Seekers, the trades they follow and the codes they share."""

import secrets
from typing import NamedTuple

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
)

from core.platform.models import BaseModel, db, hot_sql, utcnow
from core.reference.models import Category, Province


class Seeker(BaseModel):
    """A phone number on the seeker side: job seekers and the intermediaries who refer them."""

    msisdn = CharField(unique=True)
    language = CharField(null=True)
    home_province = ForeignKeyField(Province, null=True, backref="seekers")
    reach = CharField(default="near")
    alerts_on = BooleanField(default=False, index=True)
    opted_out_at = DateTimeField(null=True)
    referral_code = CharField(unique=True)
    referred_by = ForeignKeyField("self", null=True, backref="referred", on_delete="SET NULL")
    alerts_day = DateField(null=True)
    alerts_today = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)

    @property
    def opted_out(self):
        return self.opted_out_at is not None

    @classmethod
    def new_referral_code(cls):
        """A short all-digit code: easy to type on a keypad and to read aloud."""
        return "".join(secrets.choice("0123456789") for _ in range(6))

    @classmethod
    def profile_of(cls, msisdn):
        """(id, language, home province, reach, alerts on) for a msisdn, or None: read on every USSD session start,
        so the SQL is written out once instead of built by the query builder each time."""
        cursor = db.execute_sql(
            "SELECT id, language, home_province_id, reach, alerts_on FROM seeker WHERE msisdn = " + db.param,
            (msisdn,),
        )
        row = cursor.fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3], bool(row[4]))

    @classmethod
    def applicant(cls, msisdn):
        """What applying needs of the seeker with this msisdn (id, msisdn, language, referred_by_id), or None."""
        row = db.execute_sql(hot_sql("SELECT id, msisdn, language, referred_by_id FROM seeker WHERE msisdn = ?"),
                             (msisdn,)).fetchone()
        return None if row is None else Applicant(*row)

    @classmethod
    def by_msisdn(cls, msisdn):
        """The seeker with this msisdn, or None."""
        return next(iter(cls.raw(hot_sql("SELECT * FROM seeker WHERE msisdn = ?"), msisdn)), None)

    @classmethod
    def get_or_create_by_msisdn(cls, msisdn, **defaults):
        """The seeker with this msisdn, created (with a fresh referral code) on first contact."""
        seeker = cls.by_msisdn(msisdn)
        if seeker is not None:
            return seeker, False
        for _ in range(10):
            try:
                with db.atomic():
                    return cls.create(msisdn=msisdn, referral_code=cls.new_referral_code(), **defaults), True
            except IntegrityError:
                seeker = cls.get_or_none(cls.msisdn == msisdn)
                if seeker is not None:
                    return seeker, False
        raise IntegrityError("could not allocate a referral code")


class Applicant(NamedTuple):
    """A seeker as applying reads it: one narrow row, not a model to save."""

    id: int
    msisdn: str
    language: str | None
    referred_by_id: int | None


class SeekerTrade(BaseModel):
    """A trade a seeker wants alerts for; indexed by category so matching reads only candidates."""

    seeker = ForeignKeyField(Seeker, backref="trades", on_delete="CASCADE")
    category = ForeignKeyField(Category, backref="+", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("category", "seeker")


class ShareCode(BaseModel):
    """A one-time code texted to the number a visitor of the site gives as theirs, before a share names that number.

    Only the code's HMAC is kept; `nonce` names the code in the visitor's signed form token."""

    nonce = CharField(unique=True)
    msisdn = CharField(index=True)
    code_mac = CharField()
    attempts = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow, index=True)
    used_at = DateTimeField(null=True)

    @classmethod
    def sent_to(cls, msisdn, window):
        """How many codes went to `msisdn` within `window`."""
        return (
            cls.select()
            .where((cls.msisdn == msisdn) & (cls.created_at >= utcnow() - window))
            .count()
        )

    @classmethod
    def attempt(cls, nonce, max_attempts):
        """Count one try of an unused code; False when it had no tries left (or is used or unknown)."""
        return bool(
            cls.update(attempts=cls.attempts + 1)
            .where((cls.nonce == nonce) & cls.used_at.is_null() & (cls.attempts < max_attempts))
            .execute()
        )

    @classmethod
    def prune(cls, older_than):
        """Forget codes sent longer ago than `older_than`: no page can post them any more."""
        return cls.delete().where(cls.created_at < utcnow() - older_than).execute()

    @classmethod
    def use(cls, nonce):
        """Mark a code used; False when another request used it first."""
        return bool(
            cls.update(used_at=utcnow())
            .where((cls.nonce == nonce) & cls.used_at.is_null())
            .execute()
        )
