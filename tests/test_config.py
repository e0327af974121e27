"""Configuration: defaults, the ini file, overrides, and the example documenting every key."""
import configparser

from core.config import DEFAULTS, load_config


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
