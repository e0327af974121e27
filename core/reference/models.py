"""Provinces, their borders and job categories as tables, loaded from the reference data."""

import functools

from peewee import CharField, CompositeKey, ForeignKeyField, IntegerField

from core import reference
from core.platform.models import BaseModel

REACHES = ("same", "near", "any")


class Province(BaseModel):
    """One of Cambodia's 25 provinces, keyed by its ISO 3166-2:KH number."""

    code = IntegerField(primary_key=True)
    keyword = CharField(unique=True)
    name_en = CharField()
    name_km_latn = CharField()
    name_km = CharField()

    def name(self, language):
        """The province's name in a language."""
        return {"en": self.name_en, "km": self.name_km}.get(language, self.name_km_latn)

    @classmethod
    def of(cls, code):
        """The province with this code, from the reference data the table is loaded from (no query), or None."""
        return _provinces().get(code)


@functools.lru_cache(maxsize=1)
def _provinces():
    return {p.code: Province(code=p.code, keyword=p.keyword, name_en=p.name_en, name_km_latn=p.name_km_latn,
                             name_km=p.name_km) for p in reference.PROVINCES}


class ProvinceBorder(BaseModel):
    """A land border, stored in both directions so "neighbours of X" is one indexed read."""

    province = ForeignKeyField(Province, backref="borders", on_delete="CASCADE")
    neighbour = ForeignKeyField(Province, backref="+", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("province", "neighbour")


class Category(BaseModel):
    """A trade seekers look for and employers post in."""

    number = IntegerField(primary_key=True)
    code = CharField(unique=True)
    name_en = CharField()
    name_km_latn = CharField()
    name_km = CharField()
    wage_min = IntegerField()
    wage_max = IntegerField()

    def name(self, language):
        """The category's name in a language."""
        return {"en": self.name_en, "km": self.name_km}.get(language, self.name_km_latn)
