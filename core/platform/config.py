"""Configuration: built-in demo defaults overlaid by an ini file."""
import configparser
import os
import secrets
from collections.abc import Mapping
from typing import NamedTuple

from core.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, known_language, normalise_language

DEFAULTS = {
    "app": {
        "service_name": "Bong Pheak",
        "secret_key": "",  # none configured: the app makes a random one and keeps it (core.platform.config.kept_secret)
        "timezone": "Asia/Phnom_Penh",
        "ussd_code": "*855#",
        "hotline": "1288",
        "default_language": DEFAULT_LANGUAGE,
        "secure_cookies": "auto",
        "proxies": "0",
        "public_url": "",
    },
    "web": {"body_seconds": "5", "threads": "0"},
    "database": {"url": "sqlite:///var/bongpheak.db"},
    "redis": {"url": "redis://127.0.0.1:6379/0", "prefix": "bp"},
    "gateway": {"backend": "console", "callback_token": "dev-token"},
    "africastalking": {
        "username": "sandbox",
        "api_key": "",
        "sender_id": "",
        "short_code": "2855",
        "voice_number": "",
        "api_url": "",
    },
    "twilio": {
        "account_sid": "",
        "auth_token": "",
        "api_url": "",
        "sms_from": "",
        "voice_from": "",
        "voice_km": "",
        "voice_en": "",
    },
    "alerts": {"max_per_day": "3", "quiet_hours": "21:00-07:00"},
    "sms": {"max_per_hour": "20", "max_per_hour_verified": "120"},
    "referrals": {"per_day": "5", "per_friend_week": "1"},
    # What one person's actions can make us pay for, beside the referral caps (core.outbound.spend).
    "caps": {"job_sms_per_session": "2", "job_sms_per_day": "6", "callbacks_per_session": "2", "callbacks_per_day": "4",
             "missed_call_sms_per_day": "2"},
    "safety": {"reports_to_hide": "3"},
    "site": {"shares_per_address": "5", "codes_per_hour": "3", "form_min_seconds": "3", "form_max_minutes": "60"},
    "outbox": {"resend_after": "120", "sweep_every": "60", "max_attempts": "5", "wakeup_batch_ms": "5"},
    # The demo's made-up numbers (see core/platform/demo.py): 012 600 1xx employers, 097 700 xxxx(x) seekers.
    "simulator": {"test_numbers": "+85512600100-+85512600199, +85597700000-+85597799999, +855977000000-+855977099999"},
}

# Values anyone can read (the defaults above and config.example.ini): on a real gateway they would let a stranger
# sign a staff session cookie or call the gateway callbacks.
PUBLIC_SECRETS = {
    ("app", "secret_key"): {"", "dev-only-not-secret", "change-me"},  # the last default, the example
    ("gateway", "callback_token"): {"", DEFAULTS["gateway"]["callback_token"], "change-me"},
}
DEMO_BACKENDS = ("console",)


class ConfigError(ValueError):
    """A configuration the service must not start with."""


BOOLEANS = {"on": True, "yes": True, "true": True, "1": True, "off": False, "no": False, "false": False, "0": False}


class Deployment(NamedTuple):
    """The values every message may name: the service's name, its hotlines (the first is the one messages show), the
    USSD code, the number people text, and the language of a number that never chose one."""

    service: str
    hotlines: list
    ussd_code: str
    sms_number: str
    default_language: str

    @property
    def hotline(self):
        return self.hotlines[0] if self.hotlines else ""


class Config(dict):
    """Sections of string settings, with typed getters."""

    def deployment(self):
        """The deployment's values every channel and message names, read in this one place."""
        app = self["app"]
        return Deployment(app["service_name"], self.get_list("app", "hotline"), app["ussd_code"], self.sms_number(),
                          normalise_language(app["default_language"]))

    def get_int(self, section, key):
        """The setting as an int."""
        return int(self[section][key])

    def get_bool(self, section, key):
        """The setting as a bool: on/off, yes/no, true/false, 1/0."""
        value = self[section][key].strip().lower()
        if value not in BOOLEANS:
            raise ConfigError(f"[{section}] {key} must be on or off, not {value!r}")
        return BOOLEANS[value]

    def real_gateway(self):
        """True when messages go to real phones (any backend but the demo console)."""
        return self["gateway"]["backend"] not in DEMO_BACKENDS

    def public_url(self):
        """[app] public_url without its trailing slash: the base of every URL handed to a gateway ("" = unset)."""
        return self["app"].get("public_url", "").strip().rstrip("/")

    def speaks_twilio(self):
        """True when the gateway is Twilio-compatible (Twilio, Somleng): its fields, its signatures, TwiML."""
        return self["gateway"]["backend"].strip().lower() == "twilio"

    def sms_number(self):
        """The number people text: the Twilio-compatible gateway's sender, else AT's short code."""
        if self.speaks_twilio():
            return self["twilio"]["sms_from"]
        return self["africastalking"]["short_code"]

    def voice_number(self):
        """The number people call and calls come from: the Twilio-compatible gateway's, else AT's."""
        if self.speaks_twilio():
            return self["twilio"]["voice_from"]
        return self["africastalking"]["voice_number"]

    def get_list(self, section, key):
        """The setting split on commas, blanks dropped."""
        return [part.strip() for part in self[section][key].split(",") if part.strip()]


def load_config(path=None, overrides: Mapping | None = None, environ=os.environ) -> Config:
    """Defaults, then the ini file (BONGPHEAK_CONFIG or ./config.ini if present), then BONGPHEAK_<SECTION>_<KEY>
    environment variables (e.g. BONGPHEAK_REDIS_URL), then overrides."""
    config = Config({section: dict(values) for section, values in DEFAULTS.items()})
    path = path or os.environ.get("BONGPHEAK_CONFIG", "config.ini")
    if os.path.exists(path):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(path, encoding="utf-8")
        for section in parser.sections():
            config.setdefault(section, {}).update(parser[section])
    for name, value in environ.items():
        section, _, key = name.removeprefix("BONGPHEAK_").lower().partition("_")
        if name.startswith("BONGPHEAK_") and section in config and key:
            config[section][key] = value
    for section, values in (overrides or {}).items():
        config.setdefault(section, {}).update({k: str(v) for k, v in values.items()})
    check_default_language(config)
    return config


def check_default_language(config):
    """Raise ConfigError unless [app] default_language names one of LANGUAGES; store it as LANGUAGES spells it."""
    value = config["app"]["default_language"]
    language = known_language(value)
    if language is None:
        raise ConfigError(f"[app] default_language must be one of {', '.join(LANGUAGES)}, not {value!r}")
    config["app"]["default_language"] = language


SECRET_FILE = "secret_key"


def kept_secret(config):
    """[app] secret_key, or, where none is configured (or only a publicly known value), a random one made once and
    kept for the deployment in a file beside the database (SQLite's folder, else var/), so sessions and signed tokens
    outlive restarts and every process of the deployment signs alike. Never a constant: anyone could forge a staff
    session with one."""
    configured = config["app"]["secret_key"].strip()
    if configured not in PUBLIC_SECRETS[("app", "secret_key")]:
        return config["app"]["secret_key"]
    url = config["database"]["url"]
    folder = "var"
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path or path == ":memory:":
            return secrets.token_urlsafe(32)  # nothing outlives this process anyway
        folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, SECRET_FILE)
    try:
        with open(target, encoding="utf-8") as kept:
            secret = kept.read().strip()
        if secret:
            return secret
    except FileNotFoundError:
        pass
    # Written aside, then linked into place: of two processes starting at once, one secret wins and both read it.
    draft = f"{target}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(draft, target)
    except FileExistsError:
        pass
    finally:
        os.unlink(draft)
    with open(target, encoding="utf-8") as kept:
        return kept.read().strip()


def check_secrets(config):
    """Raise ConfigError when a real gateway backend would run with a missing or publicly known secret, or without
    the public address gateways reach it at."""
    if not config.real_gateway():
        return
    for (section, key), public in PUBLIC_SECRETS.items():
        value = config.get(section, {}).get(key, "").strip()
        if value in public:
            problem = "is missing" if not value else f"is the public example value {value!r}"
            raise ConfigError(
                f"refusing to start with [gateway] backend = {config['gateway']['backend']}: [{section}] {key} "
                f"{problem}. Set it in config.ini (or BONGPHEAK_{section.upper()}_{key.upper()}) to a random value, "
                "e.g. the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
    if not config.public_url().startswith(("https://", "http://")):
        raise ConfigError(
            f"refusing to start with [gateway] backend = {config['gateway']['backend']}: [app] public_url must be the "
            "address the gateway reaches this service at, e.g. https://jobs.example.org (BONGPHEAK_APP_PUBLIC_URL)"
        )
    if config.speaks_twilio():
        section = config.get("twilio", {})
        for key in ("account_sid", "auth_token"):
            if not section.get(key, "").strip():
                raise ConfigError(f"refusing to start with [gateway] backend = twilio: [twilio] {key} is missing")
