"""Configuration: built-in demo defaults overlaid by an ini file."""
import configparser
import os
from collections.abc import Mapping

DEFAULTS = {
    "app": {
        "service_name": "Bong Pheak",
        "secret_key": "dev-only-not-secret",
        "timezone": "Asia/Phnom_Penh",
        "ussd_code": "*855#",
        "hotline": "1288",
        "default_language": "km-Latn",
    },
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
    "alerts": {"max_per_day": "3", "quiet_hours": "21:00-07:00"},
    "sms": {"max_per_hour": "20"},
    "referrals": {"per_day": "5", "per_friend_week": "1"},
    "safety": {"reports_to_hide": "3"},
    "outbox": {"resend_after": "120", "sweep_every": "60", "max_attempts": "5"},
}


class Config(dict):
    """Sections of string settings, with typed getters."""

    def get_int(self, section, key):
        """The setting as an int."""
        return int(self[section][key])

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
    return config
