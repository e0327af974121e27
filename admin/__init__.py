"""The staff web app under /admin: login, roles, CSRF, the Flask-Admin screens and the phone simulator."""
from flask import render_template, request
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

# Gateway callbacks authenticate with ?token= and never carry a staff session cookie, so a cross-site forgery has
# nothing to ride on; Africa's Talking could not send a CSRF token anyway. Every other unsafe request is checked,
# so a new staff screen is protected without anyone remembering to opt in.
GATEWAY_BLUEPRINTS = ("ussd", "sms", "voice")

csrf = CSRFProtect()
login_manager = LoginManager()


def init_app(app):
    """Wire login, CSRF and every staff screen onto the app."""
    from admin import auth, display, views

    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # tokens live as long as the session: a long form never fails
    csrf.init_app(app)

    @app.before_request
    def check_csrf():
        if not app.config.get("WTF_CSRF_ENABLED", True) or request.endpoint is None:
            return  # no such page: let it be a 404, as Flask-WTF's own check does
        if request.blueprint not in GATEWAY_BLUEPRINTS:
            csrf.protect()

    app.register_error_handler(403, forbidden)
    display.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(auth.load_staff)
    app.register_blueprint(auth.bp)

    admin = Admin(
        app,
        name=app.config["BONGPHEAK"]["app"]["service_name"],
        url="/admin",
        index_view=views.DashboardView(name="Dashboard", url="/admin"),
        theme=Bootstrap4Theme(base_template="staff/base.html", fluid=True),
    )
    for view in views.screens():
        admin.add_view(view)
    return admin


def forbidden(error):
    """A staff page the role may not open or change: a page that says so; anything else keeps the bare 403."""
    if not request.path.startswith("/admin"):
        return error
    return render_template("staff/forbidden.html"), 403
