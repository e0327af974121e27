"""Each number's whole story for staff (its contact page, found by the number in any format), the inbound SMS log, and
staff writing to a number. Pages link to a contact by its key (admin.display.contact_key), never by the number."""
from flask import flash, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from admin.display import contact_key, msisdn_of
from admin.views import StaffView
from core.contacts import contact as contacts
from core.text.phone import mask_msisdn, normalise_msisdn

PAGE_SIZE = 50


class ReplyForm(FlaskForm):
    text = TextAreaField("SMS to this number", validators=[InputRequired(), Length(max=1000)])


class ContactView(StaffView):
    """Find a number; its page tells its whole story; moderators may text it from there."""

    @expose("/")
    def index(self):
        typed = request.args.get("msisdn", "")[:64].strip()
        if typed:
            msisdn = normalise_msisdn(typed)
            if msisdn is not None:
                return redirect(url_for("contact.show", key=contact_key(msisdn)))
            flash("That is not a phone number. Type it as people give it: 012 345 678, +855 12 345 678…", "error")
        return self.render("staff/contact_search.html")

    @expose("/<key>/")
    def show(self, key):
        msisdn = msisdn_of(key)
        if msisdn is None:
            return self.render("staff/not_found.html", what="contact"), 404
        return self._page(msisdn, key, ReplyForm())

    @expose("/<key>/reply", methods=("POST",))
    def reply(self, key):
        msisdn = msisdn_of(key)
        if msisdn is None:
            return self.render("staff/not_found.html", what="contact"), 404
        form = ReplyForm()
        if form.validate():
            if not contacts.history(msisdn).known:
                flash("The service has never heard from or written to this number: there is nothing to reply to.",
                      "error")
            else:
                try:
                    message = contacts.send_reply(msisdn, form.text.data, current_user.email)
                except ValueError as problem:  # STOP, or too long
                    form.text.errors.append(str(problem))
                else:
                    held = f" It is held until quiet hours end ({message.not_before:%H:%M} UTC)." \
                        if message.not_before else ""
                    flash(f"SMS queued to {mask_msisdn(msisdn)}.{held}", "success")
                    return redirect(url_for("contact.show", key=key))
        return self._page(msisdn, key, form), 400

    def _page(self, msisdn, key, form):
        return self.render("staff/contact.html", contact=contacts.history(msisdn), key=key, form=form,
                           masked=mask_msisdn(msisdn))


class InboundView(StaffView):
    """Every SMS people sent, newest first; "not understood" and "needs help" show what staff should look at."""

    @expose("/")
    def index(self):
        show = request.args.get("show")
        if show not in contacts.INBOUND_FILTERS:
            show = None
        try:
            page = max(int(request.args.get("page", 0)), 0)
        except ValueError:
            page = 0
        rows = list(contacts.inbound(show).offset(page * PAGE_SIZE).limit(PAGE_SIZE + 1))
        return self.render("staff/inbound.html", messages=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE,
                           show=show, page=page)
