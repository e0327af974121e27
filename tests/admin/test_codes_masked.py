"""Staff never see a live one-time code: the site's codes are masked in every admin screen that shows messages, and
a search cannot find one out by its digits."""
from core.outbound.models import OutboundMessage

CODE = "482913"


def _code_sms(msisdn="+85597700001"):
    return OutboundMessage.create(msisdn=msisdn, kind="share_code", status="sent",
                                  text=f"Bong Pheak: your code is {CODE}. Never give it to anyone.")


def test_the_messages_page_masks_codes_and_search_cannot_find_them(login_as):
    _code_sms()
    OutboundMessage.create(msisdn="+85597700002", kind="reply", text=f"Job {CODE} is not a code")
    client, _ = login_as("admin")
    page = client.get("/admin/messages/").get_data(as_text=True)
    assert "your code is ••••••" in page and f"code is {CODE}" not in page
    assert "Job 482913 is not a code" in page  # other messages are shown as they are
    for term in (CODE, CODE[:3], "your code"):
        found = client.get(f"/admin/messages/?search={term}").get_data(as_text=True)
        assert "your code is" not in found, term


def test_the_simulator_inbox_masks_codes(login_as):
    _code_sms()
    client, _ = login_as("admin")
    messages = client.get("/admin/simulator/inbox?msisdn=097700001").json["messages"]
    assert [m["text"] for m in messages] == ["Bong Pheak: your code is ••••••. Never give it to anyone."]
