"""Composition root: the one place that wires config, database, queue, gateway and blueprints."""
import logging

from flask import Flask
from peewee import SqliteDatabase

from core import runtime
from core.config import Config, load_config
from core.db import init_db
from core.gateway import make_gateway
from core.models import db


def create_app(config=None):
    """Build the Flask app from a Config, a mapping of overrides, or the ini file."""
    if not isinstance(config, Config):
        config = load_config(overrides=config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config["app"]["secret_key"],
        BONGPHEAK=config,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )

    init_db(config["database"]["url"])
    runtime.configure(config, make_gateway(config))

    @app.teardown_appcontext
    def close_db(_exc):
        # A pooled PostgreSQL connection goes back to the pool; an SQLite one stays open for this thread's next
        # request, since opening one (and setting its pragmas) costs more than a USSD step.
        if not db.is_closed() and not isinstance(db.obj, SqliteDatabase):
            db.close()

    import admin
    import cli
    import health
    import ussd.views
    import sms.views
    import voice.views

    # Channels and the staff app: one line each.
    app.register_blueprint(health.bp)
    ussd.views.mount(app)
    admin.init_app(app)
    app.register_blueprint(sms.views.bp)
    voice.views.init_app(app)
    cli.init_app(app)
    return app
