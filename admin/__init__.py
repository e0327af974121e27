"""The staff web app under /admin: login, roles, the Flask-Admin screens and the phone simulator."""
from flask import render_template, request
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_login import LoginManager

from core.platform import runtime

login_manager = LoginManager()


def init_app(app):
    """Wire login and every staff screen onto the app."""
    from admin import auth, display, views

    app.register_error_handler(403, forbidden)
    app.context_processor(staff_page_values)
    display.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(auth.load_staff)
    app.register_blueprint(auth.bp)

    admin = Admin(
        app,
        name=runtime.services_of(app).config.deployment().service,
        url="/admin",
        index_view=views.DashboardView(name="Dashboard", url="/admin"),
        theme=Bootstrap4Theme(base_template="staff/base.html", fluid=True),
    )
    for view in views.screens():
        admin.add_view(view)
    return admin


def staff_page_values():
    """What the staff pages drawn outside Flask-Admin (login, password, forbidden) show: the service's name."""
    return {"service_name": runtime.current().config.deployment().service}


def forbidden(error):
    """A staff page the role may not open or change: a page that says so; anything else keeps the bare 403."""
    if not request.path.startswith("/admin"):
        return error
    return render_template("staff/forbidden.html"), 403
