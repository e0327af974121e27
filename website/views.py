"""The public site's pages: home, jobs by trade and province, a job, how employers post, how to stay safe, sharing."""
import datetime
import hashlib
import hmac
import json
import pathlib
import re
import secrets
from urllib.parse import urlsplit

from flask import (Blueprint, abort, current_app, make_response, redirect, render_template, request,
                   send_from_directory, url_for)
from flask_wtf.csrf import CSRFError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from markupsafe import Markup

from core import reference
from core.contacts import contact as contacts, effects as fx, runner
from core.jobs import slots
from core.outbound import outbox, spend
from core.platform import runtime
from core.text.i18n import LANGUAGES, text
from core.jobs.models import Job
from core.platform.models import LoginThrottle, utcnow
from core.reference.models import Province
from core.seekers.models import Seeker, ShareCode
from core.text.phone import is_cambodian_mobile, local_msisdn, normalise_msisdn
from core.reference import RELATIONS
from core.jobs.screening import PERSON_NAME_MAX, person_name
from core.text.wording import format_wage
from website.jobposting import job_posting

bp = Blueprint("site", __name__, template_folder="templates", static_folder="static", static_url_path="/site-assets")

PAGE_SIZE = 20
LANGUAGE_COOKIE = "lang"
# Shorter than the staff login window: a staff login prunes LoginThrottle windows older than that one.
SHARE_WINDOW = datetime.timedelta(minutes=10)
CODE_LIFE = datetime.timedelta(minutes=10)  # a code texted to the sharer's number is good for this long
CODE_TRIES = 5
CODE_DIGITS = 6
CODE_KEPT = datetime.timedelta(days=1)  # longer than any code page lives ([site] form_max_minutes), for its reloads
NAME_MAX = PERSON_NAME_MAX  # it goes into the friend's SMS
HOW = ("call", "sms")
# Search engines and link previews read pages too; what sponsors are told counts people only.
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget|python-requests", re.I)
# The staff app's bundled Noto Sans Khmer, served here too (one copy in the repository), so the site does not depend
# on /admin being reachable: a proxy may well keep the staff app to an office network.
FONTS = pathlib.Path(__file__).resolve().parent.parent / "admin" / "static" / "fonts"


def language():
    """The visitor's language: the cookie a language link set, else [app] default_language."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return runtime.current().config.deployment().default_language


def site_config():
    """The app's Config."""
    return runtime.current().config


def translate(key, **values):
    """A site text in the visitor's language."""
    return text(language(), key, **values)


@bp.context_processor
def page_values():
    """What every page shows: the language, the service's name and numbers."""
    config = site_config()
    deployment = config.deployment()
    return {
        "t": translate,
        "lang": language(),
        "languages": LANGUAGES,
        "service": deployment.service,
        "ussd": deployment.ussd_code,
        "short_code": deployment.sms_number,
        "voice_number": config.voice_number(),
        "hotline": config["app"]["hotline"],
    }


def cached(html, max_age=300):
    """A page with an ETag and a short public cache life: a repeat view of an unchanged page is a 304."""
    response = make_response(html)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.vary.add("Cookie")  # the language cookie picks the words
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/")
def home():
    """How to dial, text or call, and how to pass a job on."""
    return cached(render_template("site/home.html"))


@bp.route("/employers")
def employers():
    """How an employer posts a job by SMS: the message, and every trade word, province spelling and wage form the
    service reads."""
    return cached(render_template("site/employers.html", example="JOB GARMENT KANDAL 250 20 Sewing operators",
                                  categories=reference.CATEGORIES, provinces=reference.PROVINCES,
                                  wages=WAGE_EXAMPLES))


MAX_SEARCH = 60
MAX_SEARCH_WORDS = 5

# How a wage may be written, each as the service reads it (held true by tests/website/test_pages.py).
WAGE_EXAMPLES = ("250", "$250", "250$/month", "1,000,000 riel", "12$/day", "12 dollar a day", "40000 riel/day",
                 "2$/hour", "500 riel/piece")


@bp.route("/safety")
def safety():
    """How to stay safe when looking for work."""
    return cached(render_template("site/safety.html"))


@bp.route("/fonts/<name>.woff2")
def font(name):
    """A Khmer font file; it never changes under its name, so browsers keep it for a year."""
    return send_from_directory(FONTS, f"{name}.woff2", max_age=365 * 24 * 3600)


@bp.route("/language/<code>")
def choose_language(code):
    """Remember a language and go back to the page the link was on."""
    back = request.args.get("next", "")
    parts = urlsplit(back)
    if parts.scheme or parts.netloc or not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = url_for("site.home")  # only a path on this site (browsers read "/\\" as "//"): never an open redirect
    response = redirect(back)
    if code in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def _number(name):
    """A whole-number query argument, or None when absent or not a number (bad input shows everything)."""
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 6 else None


@bp.route("/jobs")
def jobs():
    """Live jobs by trade and province, sponsored ones first, a page at a time."""
    snapshot = runtime.current().live_jobs.current()
    trade = _number("trade")
    province = _number("province")
    page = max(_number("page") or 1, 1)
    if trade is not None and snapshot.category(trade) is None:
        trade = None
    if province is not None and snapshot.province(province) is None:
        province = None
    words = " ".join(request.args.get("q", "").split())[:MAX_SEARCH]
    near = province is not None and request.args.get("near") == "1"
    # "Near" is the reach rule of every channel: the province and the ones bordering it.
    provinces = None if province is None else snapshot.reach(province, "near" if near else "same")
    listing = snapshot.listing(None if trade is None else (trade,), provinces,
                               " ".join(words.split()[:MAX_SEARCH_WORDS]), limit=None)
    start = (page - 1) * PAGE_SIZE
    listed = listing.jobs[start:start + PAGE_SIZE + 1]  # one more: is there a next page?
    sponsored = listing.sponsored if page == 1 else []
    if not _robot():
        slots.count((slot.id for slot, _card in sponsored), "web_impressions")
    return cached(render_template(
        "site/jobs.html", snapshot=snapshot, jobs=listed[:PAGE_SIZE], sponsored=[card for _slot, card in sponsored],
        trade=trade, province=province, page=page, more=len(listed) > PAGE_SIZE, wage=_card_wage, words=words,
        near=near,
    ), max_age=60)


def _robot():
    """True for a request that names itself a crawler or a fetching tool."""
    return ROBOT.search(request.headers.get("User-Agent", "")) is not None


def _card_wage(job):
    """A listed job's wage in the visitor's language."""
    return format_wage(job.wage_amount, job.wage_currency, job.wage_period, language())


def _live_job(ref):
    """The live job with this ref (with employer and province), or an answer: 410 for a job that was shown and is
    no longer, 404 for a ref that never was one or a job never published (pending, rejected before going live)."""
    ref = ref.upper()[:16]
    job = Job.live().where(Job.ref == ref).first()
    if job is not None:
        job.province = Province.of(job.province_id)
        return job
    known = Job.by_ref(ref)
    status = 410 if known is not None and known.published_at is not None else 404
    abort(make_response(render_template("site/gone.html", ref=ref, status=status), status))


@bp.route("/jobs/<ref>")
def job(ref):
    """One live job, facts first, with its JobPosting data and the ways to pass it on."""
    job = _live_job(ref)
    if ref != job.ref:
        return redirect(url_for("site.job", ref=job.ref), 301)
    lang = language()
    snapshot = runtime.current().live_jobs.current()
    category = snapshot.category(job.category_id)
    if not _robot():
        slots.count((slot.id for slot in snapshot.slots if slot.kind == "job" and slot.ref == job.ref), "web_views")
    description = job.details or job.title
    structured = job_posting(job, description, url_for("site.job", ref=job.ref, _external=True),
                             site_config().deployment().service)
    return cached(render_template(
        "site/job.html", job=job, trade=category.name(lang), place=job.province.name(lang),
        wage=format_wage(job.wage_amount, job.wage_currency, job.wage_period, lang),
        # "</" inside the JSON could end the script element early; "\u003c" reads the same to a JSON parser.
        structured=Markup(json.dumps(structured, ensure_ascii=False).replace("<", "\\u003c")),
    ), max_age=60)


@bp.route("/sitemap.xml")
def sitemap():
    """Every page and every live job, for search engines."""
    jobs = runtime.current().live_jobs.current().jobs(limit=None)
    response = make_response(render_template("site/sitemap.xml", jobs=jobs))
    response.mimetype = "application/xml"
    response.headers["Cache-Control"] = "public, max-age=600"
    response.add_etag()
    return response.make_conditional(request)


def _serializer():
    """Signs share form tokens with the app's secret."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="site.share")


def form_token(ref):
    """A signed token naming the job and when its form was drawn: a post without one, or one filled in faster than a
    person types, or one kept for hours, is refused."""
    return _serializer().dumps(ref)


def _token_error(token, ref):
    """Why a form token is refused, as a message key, or None when it is good."""
    config = site_config()
    try:
        signed_ref, drawn = _serializer().loads(
            token, max_age=config.get_int("site", "form_max_minutes") * 60, return_timestamp=True)
    except SignatureExpired:
        return "site.error.expired"
    except BadSignature:
        return "site.error.form"
    age = datetime.datetime.now(datetime.timezone.utc) - drawn
    if signed_ref != ref or age < datetime.timedelta(seconds=config.get_int("site", "form_min_seconds")):
        return "site.error.form"
    return None


SHARED = ("sent", "later")  # "later": a call held out of quiet hours, asked for all the same
# What the visitor corrects when core.contacts.runner's share comes to something else (core.seekers.referrals.Outcome's values).
OUTCOME_ERRORS = {
    "invalid_number": ("friend", "site.error.friend"),
    "self": ("friend", "site.error.self"),
    "opted_out": ("friend", "site.error.opted_out"),
    "friend_cap": ("friend", "site.error.friend_cap"),
    "referrer_cap": ("sharer", "site.error.sharer_cap"),
    "job_closed": ("form", "site.error.closed"),
    "unknown": ("form", "site.error.closed"),  # the job was deleted meanwhile
}


@bp.route("/jobs/<ref>/share", methods=("GET", "POST"))
def share(ref):
    """Ask Bong Pheak to call a friend about this job, or to text it to them, once a code texted to the sharer's
    number proves it is theirs."""
    job = _live_job(ref)
    how = _how()
    form = _typed()
    errors = {}
    step = request.form.get("step") if request.method == "POST" else None
    if step == "edit":
        return _share_form(job, how, form, {})
    if step in ("confirm", "resend"):
        return _code_step(job, step)
    if request.method == "POST":
        errors = _check(job, how, form)
        if not errors:
            errors, nonce = _send_code(how, form)
        if not errors:
            return _code_form(job, how, form, nonce, {})
    return _share_form(job, how, form, errors)


def _code_step(job, step):
    """The code page posted back: a new code asked for, or the code typed checked and, when right, the share sent."""
    pending, problem = _pending(job)
    if pending is None:
        return _share_form(job, _how(), _typed(), {"form": problem})
    how, form, nonce = pending["how"], pending["form"], pending["nonce"]
    if step == "resend":
        errors, fresh = _send_code(how, form)
        if errors:
            return _code_form(job, how, form, nonce, errors)
        return _code_form(job, how, form, fresh, {}, resent=True)
    outcome = _confirm(job, how, form, nonce)
    if outcome is None:
        # Told only now: the referral, and its call or SMS, are committed rows.
        return redirect(url_for("site.shared", ref=job.ref, how=how), 303)
    field, key = outcome
    if field == "code":
        return _code_form(job, how, form, nonce, {"code": key})
    return _share_form(job, how, form, {field: key})


@bp.errorhandler(CSRFError)
def session_lost(_error):
    """A share form whose CSRF token no longer matches (the browser dropped its session cookie): drawn again, with
    what was typed, instead of a bare 400."""
    job = _live_job(request.view_args["ref"])  # the share form is the site's only form that posts
    return _share_form(job, _how(), _typed(), {"form": "site.error.expired"})


def _how():
    """How the friend hears the job: "call" (the default) or "sms"."""
    how = request.values.get("how")
    return how if how in HOW else "call"


def _typed():
    """What the visitor typed into the share form."""
    return {name: request.form.get(name, "").strip() for name in ("friend", "sharer", "name", "relation")}


def _code_form(job, how, form, nonce, errors, resent=False):
    """The page asking for the code texted to the sharer; it carries what was typed, signed, with the code's nonce."""
    response = make_response(render_template(
        "site/code.html", job=job, how=how, form=form, errors=errors, resent=resent,
        pending=_code_serializer().dumps({"ref": job.ref, "how": how, "form": form, "nonce": nonce}),
        sharer=local_msisdn(normalise_msisdn(form["sharer"])), minutes=int(CODE_LIFE.total_seconds() // 60),
    ), 400 if errors else 200)
    response.headers["Cache-Control"] = "no-store"
    return response


def _share_form(job, how, form, errors):
    """The share form, its errors shown beside the fields; never cached, since it carries the visitor's tokens."""
    response = make_response(render_template(
        "site/share.html", job=job, how=how, form=form, errors=errors, relations=RELATIONS,
        token=form_token(job.ref), name_max=NAME_MAX,
    ), 400 if errors else 200)
    response.headers["Cache-Control"] = "no-store"
    return response


def _check(job, how, form):
    """{field: message key} for what the visitor must correct; empty when the form may be sent."""
    errors = {}
    if request.form.get("website") or request.form.get("token") is None:
        errors["form"] = "site.error.form"  # the honeypot field is hidden from people; only a bot fills it
    else:
        problem = _token_error(request.form["token"], job.ref)
        if problem:
            errors["form"] = problem
    friend = normalise_msisdn(form["friend"])
    sharer = normalise_msisdn(form["sharer"])
    # A number that cannot be shared to is said now; whether the friend opted out is said only once the code
    # proves the sharer's number (else anyone could look it up), and the caps before a code is spent (_send_code).
    if friend is None or not is_cambodian_mobile(friend):
        errors["friend"] = "site.error.friend"
    elif friend == sharer:
        errors["friend"] = "site.error.self"
    if sharer is None or not is_cambodian_mobile(sharer):
        errors["sharer"] = "site.error.sharer"
    # It goes into a stranger's SMS: letters and spaces, short, no URL, number or amount (core.jobs.screening).
    if person_name(form["name"]) is None:
        errors["name"] = "site.error.name"
    if how == "call" and form["relation"] not in RELATIONS:
        errors["relation"] = "site.error.relation"
    return errors


def _code_serializer():
    """Signs the code page's token (what was typed and the code's nonce) with the app's secret."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="site.share.code")


def _code_mac(nonce, code):
    """The code as stored: an HMAC with the app's secret, so the table alone does not give codes away."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{nonce}:{code}".encode(), hashlib.sha256).hexdigest()


def _pending(job):
    """(what the code page carries, None), or (None, message key) for a token that is forged, old or for another job."""
    try:
        pending = _code_serializer().loads(
            request.form.get("pending", ""), max_age=site_config().get_int("site", "form_max_minutes") * 60)
    except SignatureExpired:
        return None, "site.error.expired"
    except BadSignature:
        return None, "site.error.form"
    if not isinstance(pending, dict) or pending.get("ref") != job.ref:
        return None, "site.error.form"
    return pending, None


def _send_code(how, form):
    """Text a fresh one-time code to the sharer's number: ({}, nonce) once its SMS is committed, else ({field: message
    key}, None). Counted against the visitor's address, capped per number, never to a number that sent STOP."""
    config = site_config()
    # Counted before anything is sent, in the database: parallel posts cannot slip past it and it holds with Redis
    # down. Every share passes here first, so this also caps the shares an address asks for.
    if LoginThrottle.hit(f"site-share:{request.remote_addr}", SHARE_WINDOW) > config.get_int("site", "shares_per_address"):
        return {"form": "site.error.address_cap"}, None
    msisdn = normalise_msisdn(form["sharer"])
    sharer = Seeker.by_msisdn(msisdn)
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    nonce = secrets.token_urlsafe(16)
    message = text((sharer.language if sharer is not None else None) or language(), "sms.share_code",
                   service=config.deployment().service, code=code)
    ShareCode.prune(CODE_KEPT)
    with outbox.recording():
        # A code costs an SMS: sent only when the share it proves could go (the sharer's daily and the friend's
        # weekly cap, counted as the share will count them), and within the code's own rule (core.outbound.spend): never to
        # a number that sent STOP, not at night, at most [site] codes_per_hour.
        share = spend.allow("share" if how == "call" else "invite", normalise_msisdn(form["friend"]), sharer=sharer,
                            opt_out=False)
        if share.refused:
            return {"cap:sharer": {"sharer": "site.error.sharer_cap"}}.get(
                share.refused, {"friend": "site.error.friend_cap"}), None
        decision = spend.allow("share_code", msisdn)
        if decision.refused:
            return CODE_REFUSALS[decision.refused], None
        ShareCode.create(nonce=nonce, msisdn=msisdn, code_mac=_code_mac(nonce, code))
        outbox.dispatch([outbox.add(msisdn, message, kind="share_code")])
    return {}, nonce


CODE_REFUSALS = {
    "opted_out": {"sharer": "site.error.sharer_stopped"},
    "quiet_hours": {"form": "site.error.quiet_hours"},
    "cap:number": {"sharer": "site.error.code_cap"},
}


class _NotShared(Exception):
    """A right code whose share the referral rules refused: the code's use is rolled back with it."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _confirm(job, how, form, nonce):
    """Check the code typed and, when it is right and unused, share: None when shared (now or by an earlier post of
    the same code), else (field, message key)."""
    typed = re.sub(r"\s", "", request.form.get("code", ""))
    if not typed.isdigit() or len(typed) != CODE_DIGITS:
        return "code", "site.error.code"
    row = ShareCode.get_or_none(ShareCode.nonce == nonce)
    if row is None or row.msisdn != normalise_msisdn(form["sharer"]):
        return "form", "site.error.form"
    right = hmac.compare_digest(row.code_mac, _code_mac(nonce, typed))
    if row.used_at is not None or not ShareCode.attempt(nonce, CODE_TRIES):
        if ShareCode.get_by_id(row.id).used_at is not None:
            # The same code posted again (a double tap, a reload): its share went once, nothing more goes.
            return None if right else ("code", "site.error.code")
        return "code", "site.error.code_dead"
    if row.created_at < utcnow() - CODE_LIFE:
        return "code", "site.error.code_expired"
    if not right:
        return "code", "site.error.code"
    try:
        with outbox.recording():
            if ShareCode.use(nonce):
                errors = _invite(job, how, form)
                if errors:
                    raise _NotShared(errors)
    except _NotShared as refused:
        return next(iter(refused.errors.items()))
    return None


def _invite(job, how, form):
    """Share as a phone's REF/CALL does (core.contacts.runner) once the sharer's number is confirmed; {} when sent."""
    sharer = contacts.Contact(normalise_msisdn(form["sharer"]), language=language())
    name = person_name(form["name"])
    if how == "call":
        effect = fx.ShareByCall(form["friend"], job.ref, form["relation"], sharer_name=name)
    else:
        effect = fx.ShareBySms(form["friend"], job.ref, sharer_name=name)
    (done,) = runner.run(sharer, [effect], runner.Via("web"))
    if done.result in SHARED:
        return {}
    field, key = OUTCOME_ERRORS[done.result]
    return {field: key}


@bp.route("/jobs/<ref>/shared")
def shared(ref):
    """Where a share lands once its referral and its call or SMS are committed."""
    job = _live_job(ref)
    response = make_response(render_template("site/shared.html", job=job, how=_how()))
    response.headers["Cache-Control"] = "no-store"
    return response
