"""Configuration: defaults, the ini file, overrides, and the example documenting every key."""
import configparser

import pytest

from core.platform.config import DEFAULTS, ConfigError, load_config


def test_defaults_without_a_file(tmp_path):
    config = load_config(path=str(tmp_path / "none.ini"))
    assert config["gateway"]["backend"] == "console"
    assert config["app"]["timezone"] == "Asia/Phnom_Penh"
    assert config.get_int("alerts", "max_per_day") == 3


def test_file_named_by_environment_overrides_defaults(tmp_path, monkeypatch):
    path = tmp_path / "custom.ini"
    path.write_text("[alerts]\nmax_per_day = 7\n[app]\nhotline = 1288, 1280\n")
    monkeypatch.setenv("BONGPHEAK_CONFIG", str(path))
    config = load_config()
    assert config.get_int("alerts", "max_per_day") == 7
    assert config.get_list("app", "hotline") == ["1288", "1280"]
    assert config["alerts"]["quiet_hours"] == "21:00-07:00"


def test_overrides_win_over_the_file(tmp_path):
    path = tmp_path / "c.ini"
    path.write_text("[redis]\nurl = redis://elsewhere:6379/0\n")
    config = load_config(path=str(path), overrides={"redis": {"url": "redis://127.0.0.1:6379/3"}})
    assert config["redis"]["url"] == "redis://127.0.0.1:6379/3"


def test_example_documents_every_key():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read("config.example.ini")
    documented = {(s, k) for s in parser.sections() for k in parser[s]}
    expected = {(s, k) for s, values in DEFAULTS.items() for k in values}
    assert documented == expected


def test_environment_variables_override_the_file(tmp_path):
    path = tmp_path / "c.ini"
    path.write_text("[redis]\nurl = redis://from-file:6379/0\n")
    environ = {"BONGPHEAK_REDIS_URL": "redis://127.0.0.1:6390/0", "BONGPHEAK_ALERTS_MAX_PER_DAY": "5"}
    config = load_config(path=str(path), environ=environ)
    assert config["redis"]["url"] == "redis://127.0.0.1:6390/0"
    assert config.get_int("alerts", "max_per_day") == 5


def test_the_default_language_is_romanised_khmer_and_any_spelling_of_a_known_one_is_taken(tmp_path):
    absent = str(tmp_path / "none.ini")
    assert load_config(path=absent)["app"]["default_language"] == "km-Latn"
    spelled = load_config(path=absent, overrides={"app": {"default_language": " KM_latn "}})
    assert spelled["app"]["default_language"] == "km-Latn"
    assert load_config(path=absent, environ={"BONGPHEAK_APP_DEFAULT_LANGUAGE": "en"})["app"]["default_language"] == "en"


@pytest.mark.parametrize("value", ["fr", "", "khmer", "en-US"])
def test_a_default_language_outside_the_list_is_a_config_error(tmp_path, value):
    path = tmp_path / "c.ini"
    path.write_text(f"[app]\ndefault_language = {value}\n")
    with pytest.raises(ConfigError, match=r"\[app\] default_language must be one of km-Latn, km, en"):
        load_config(path=str(path))


def test_the_deployments_values_are_read_in_one_place():
    """Every channel and message names the service, hotline, USSD code and default language through
    Config.deployment(): no module reads those keys itself (each copy was a place to drift)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[1]
    read = re.compile(r'"(service_name|ussd_code|default_language)"\]|"app", "hotline"')
    readers = [str(path.relative_to(root)) for path in root.rglob("*.py")
               if not {".venv", "tests", "bench", "migrations"} & set(path.relative_to(root).parts)
               and read.search(path.read_text(encoding="utf-8"))]
    assert readers == ["core/platform/config.py"]


def test_the_deployment_names_the_first_hotline_as_messages_show_it(tmp_path):
    config = load_config(path=str(tmp_path / "none.ini"), overrides={"app": {"hotline": "1288, 1280"}})
    deployment = config.deployment()
    assert (deployment.hotline, deployment.hotlines, deployment.service) == ("1288", ["1288", "1280"], "Bong Pheak")
