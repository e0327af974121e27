"""Each app carries its own services (app.extensions): two apps in one process never use each other's."""
import pytest
from rq import Queue

from app import create_app
from core.platform import runtime
from core.platform.db import upgrade_schema
from core.platform.demo import seed_demo
from core.platform.models import db
from tests import ussd_store
from tests.conftest import make_config
from tests.deployment import TOKEN
from ussd import views as ussd_views


def dial(app, session_id, text=""):
    form = {"sessionId": session_id, "serviceCode": "*855#", "phoneNumber": "+85512777001", "networkCode": "45601",
            "text": text}
    response = app.test_client().post(f"/ussd?token={TOKEN}", data=form)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def two_apps(tmp_path, redis):
    """Two apps on one database and one Redis, told apart by their prefix and default language."""
    url = f"sqlite:///{tmp_path}/shared.db"
    gateway = {"backend": "console", "callback_token": TOKEN}
    english = create_app(make_config(tmp_path, url, redis={"prefix": "en"}, app={"default_language": "en"},
                                     gateway=gateway))
    romanised = create_app(make_config(tmp_path, url, redis={"prefix": "kh"}, gateway=gateway))
    upgrade_schema()
    with runtime.bound(runtime.services_of(english)):
        seed_demo(password_file=str(tmp_path / "login.txt"))
    yield english, romanised
    for app in (english, romanised):
        ussd_store.close(app)
    if not db.is_closed():
        db.close()


def test_two_apps_in_one_process_each_answer_with_their_own_services(two_apps):
    english, romanised = two_apps
    assert runtime.services_of(english) is not runtime.services_of(romanised)
    # Interleaved, as two apps in one process would be served: each its own config, sessions, keys and queue.
    for number in range(3):
        assert dial(english, f"a-{number}") == dial(english, f"b-{number}")
        assert dial(english, f"a-{number}", "9").startswith("CON Please choose a number below.")
        assert dial(romanised, f"c-{number}", "9").startswith("CON Som chreus lekh khang krom.")
    with runtime.bound(runtime.services_of(english)):
        assert runtime.key("ussd", "x") == "en:ussd:x"
        assert ussd_views.sessions() is runtime.services_of(english).extensions[ussd_views.EXTENSION]
    with runtime.bound(runtime.services_of(romanised)):
        assert runtime.key("ussd", "x") == "kh:ussd:x"
        runtime.enqueue(len, "abc")
    assert len(Queue("kh", connection=runtime.services_of(romanised).redis)) == 1
    assert len(Queue("en", connection=runtime.services_of(english).redis)) == 0


def test_outside_any_app_there_are_no_services():
    with pytest.raises(RuntimeError):  # Flask's "working outside of application context": no process-wide fallback
        runtime.current()
