"""Binding the database at start-up, migrating the schema (migrations/), loading reference data."""
import contextlib
import fcntl
import os
import threading
from urllib.parse import urlparse

from peewee import IntegrityError, PostgresqlDatabase, SqliteDatabase
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase

import migrations
from core import reference
from core.platform.models import db
from core.reference.models import Category, Province, ProvinceBorder

SQLITE_PRAGMAS = {
    "journal_mode": "wal",  # readers never block the writer
    "busy_timeout": 10000,  # a second process waits for the lock instead of failing
    "foreign_keys": 1,
    "synchronous": "normal",
    # A commit that crosses 1,000 WAL pages would copy them back into the database (with fsyncs) while a seeker
    # waits; the worker's scheduler checkpoints every few seconds instead (`checkpoint`).
    "wal_autocheckpoint": 0,
}


MIGRATIONS = os.path.dirname(migrations.__file__)
MIGRATIONS_LOCK = 0x42504D49  # the advisory lock key every process of a deployment migrates under ("BPMI")


class QueuedWritersSqliteDatabase(SqliteDatabase):
    """SQLite whose write transactions queue for a file lock beside the database before they BEGIN.

    Two processes that want SQLite's write lock at once: the one that waits polls it with sleeps that grow to 100 ms
    (SQLite's busy handler), so a step that waited a little often waits a lot. A kernel file lock wakes the next
    writer the moment the last one commits. The lock dies with its process; a database in memory has no file.
    """

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self._writers = threading.Lock()
        self._writer = None  # the thread that holds the queue
        self._lock_file = None

    def begin(self, lock_type=None):
        self._queue()
        try:
            super().begin(lock_type)
        except BaseException:
            self._leave()
            raise

    def commit(self):
        try:
            super().commit()
        finally:
            self._leave()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._leave()

    def _queue(self):
        self._writers.acquire()  # one writer per process at a time; the file lock queues the processes
        self._writer = threading.get_ident()
        if self.database != ":memory:":
            if self._lock_file is None or self._lock_pid != os.getpid():
                self._lock_file = open(f"{self.database}-writers", "a+b")  # noqa: SIM115 - held for the process
                self._lock_pid = os.getpid()
            fcntl.flock(self._lock_file, fcntl.LOCK_EX)

    def _leave(self):
        if self._writer != threading.get_ident():
            return  # a rollback after a failed commit: already left
        self._writer = None
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
        self._writers.release()


def make_database(url):
    """A peewee database for a sqlite:/// or postgresql:// URL."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = url[len("sqlite:///"):] or ":memory:"
        if path != ":memory:" and os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        # BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so it waits its turn (busy_timeout).
        # A deferred one that reads, then writes, cannot wait: SQLite fails it at once with "database is locked".
        return QueuedWritersSqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    if parsed.scheme in ("postgresql", "postgres"):
        return PooledPostgresqlDatabase(
            parsed.path.lstrip("/"),
            user=parsed.username,
            password=parsed.password,
            host=parsed.hostname,
            port=parsed.port or 5432,
            max_connections=32,
            stale_timeout=300,
        )
    raise ValueError("database url must start with sqlite:/// or postgresql://")


def init_db(url):
    """Bind the models to the database at `url`."""
    database = make_database(url)
    db.initialize(database)
    return database


def checkpoint():
    """rq job (periodic): copy the SQLite write-ahead log back into the database, without blocking any writer."""
    if isinstance(db.obj, SqliteDatabase):
        with db.connection_context():
            db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")


def upgrade_schema():
    """Apply the migrations this database lacks (migrations/, in order, one transaction each), then load reference data.

    Safe when several processes start at once: they take turns, and each reads what is applied only once it holds
    the turn. Returns the names of the migrations applied.
    """
    database = db.obj
    with database.connection_context(), _migrations_turn(database):
        applied = Runner(database, MIGRATIONS).up()
        load_reference()
    return applied


@contextlib.contextmanager
def _migrations_turn(database):
    """Hold the deployment's one migration turn: a PostgreSQL advisory lock, or a file lock beside an SQLite file.

    Not a transaction around them all: each migration commits on its own, and on SQLite a table rebuild needs
    foreign keys off, which SQLite only allows outside a transaction. Either lock dies with its process.
    """
    if isinstance(database, PostgresqlDatabase):
        database.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATIONS_LOCK,))
        try:
            yield
        finally:
            database.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATIONS_LOCK,))
    elif database.database == ":memory:":
        yield  # no other process can see it
    else:
        with open(f"{database.database}-migrations", "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes, or its process dies
            yield


def rebuild_sqlite_table(database, model):
    """In a migration on SQLite: replace `model`'s table by the one `model` declares, keeping the rows of the columns
    both have. For what SQLite's ALTER TABLE cannot do (add a CHECK, change a column's type); PostgreSQL's can.

    The runner has turned foreign keys off for the migration, so dropping the old table deletes nothing that points
    at it; the keys are checked before the migration commits.
    """
    table = model._meta.table_name
    wanted = {field.column_name for field in model._meta.sorted_fields}
    kept = ", ".join(f'"{column.name}"' for column in database.get_columns(table) if column.name in wanted)
    for index in database.get_indexes(table):
        if index.sql:  # SQLite's own indexes (of a primary or unique key) go with the table
            database.execute_sql(f'DROP INDEX "{index.name}"')
    # Legacy renaming leaves the other tables' keys naming the table, not its old copy.
    database.execute_sql("PRAGMA legacy_alter_table = ON")
    try:
        database.execute_sql(f'ALTER TABLE "{table}" RENAME TO "{table}__old"')
    finally:
        database.execute_sql("PRAGMA legacy_alter_table = OFF")
    with database.bind_ctx([model]):
        database.create_tables([model])
    database.execute_sql(f'INSERT INTO "{table}" ({kept}) SELECT {kept} FROM "{table}__old"')
    database.execute_sql(f'DROP TABLE "{table}__old"')
    broken = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise IntegrityError(f"rebuilding {table} left rows pointing nowhere: {broken[:5]}")


def load_reference():
    """Insert or refresh provinces, borders and categories from core.reference."""
    with db.atomic():
        for p in reference.PROVINCES:
            row = dict(keyword=p.keyword, name_en=p.name_en, name_km_latn=p.name_km_latn, name_km=p.name_km)
            if not Province.update(**row).where(Province.code == p.code).execute():
                Province.create(code=p.code, **row)
        pairs = {(a, b) for a, b in reference.BORDERS} | {(b, a) for a, b in reference.BORDERS}
        stored = set(ProvinceBorder.select(ProvinceBorder.province, ProvinceBorder.neighbour).tuples())
        missing = [{"province": a, "neighbour": b} for a, b in sorted(pairs - stored)]
        if missing:
            ProvinceBorder.insert_many(missing).execute()
        for c in reference.CATEGORIES:
            row = dict(
                code=c.code,
                name_en=c.name_en,
                name_km_latn=c.name_km_latn,
                name_km=c.name_km,
                wage_min=c.wage_min,
                wage_max=c.wage_max,
            )
            if not Category.update(**row).where(Category.number == c.number).execute():
                Category.create(number=c.number, **row)
