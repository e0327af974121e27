"""The schema's versioned migrations (NNNN_name.py, each with `up(migrator, db)`), applied in order by
`flask db upgrade` (core.platform.db.upgrade_schema, through peewee's playhouse.migrations). How to add one: docs/STYLE.md."""
