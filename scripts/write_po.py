"""Write one domain's .po catalogues from a {key: (en, km-Latn, km)} table in a Python file (a one-off authoring aid).

Usage: python scripts/write_po.py DOMAIN TABLE.py  — the .po files are the source of truth afterwards.
"""
import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

LANGUAGE_DIRS = ("en", "km_Latn", "km")


def main(domain, table_path):
    table = runpy.run_path(table_path)["MSGS"]
    for index, folder in enumerate(LANGUAGE_DIRS):
        catalog = Catalog(project="Bong Pheak", domain=domain)
        for key, texts in table.items():
            catalog.add(key, texts[index])
        path = Path("locales") / folder / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, width=0)


if __name__ == "__main__":
    main(*sys.argv[1:])
