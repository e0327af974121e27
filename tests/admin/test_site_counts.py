"""The dashboard counts shares by where they were asked and how the friend hears them, and sponsored slots'
impressions and views on USSD beside the public site."""
import datetime
import re

from core.jobs.models import Referral, SponsoredSlot
from core.seekers.models import Seeker
from core.jobs.slots import counter_key


def test_dashboard_counts_shares_by_channel_and_slot_views_on_ussd_and_the_web(login_as, redis):
    sharer, _ = Seeker.get_or_create_by_msisdn("+85597700001")
    for origin, channel, times in (("phone", "sms", 3), ("phone", "call", 1), ("web", "call", 2), ("web", "sms", 1)):
        for number in range(times):
            Referral.create(referrer=sharer, friend_msisdn=f"+8559779{number:05d}", channel=channel, origin=origin)
    today = datetime.date.today()
    SponsoredSlot.create(kind="home", label="Jobs", starts_on=today, ends_on=today, impressions=40, detail_views=4,
                         web_impressions=25, web_views=6)
    client, _ = login_as("viewer")
    html = client.get("/admin/").get_data(as_text=True)

    def cells(row):
        return re.findall(r"<td>([^<]*)</td>", html.split(row, 1)[1].split("</tr>", 1)[0])

    assert cells('data-share="web-call"') == ["web", "call", "2"]
    assert cells('data-share="web-sms"') == ["web", "SMS", "1"]
    assert cells('data-share="phone-sms"') == ["phone", "SMS", "3"]
    assert cells('data-slot-channel="USSD"') == ["USSD", "40", "4"]
    assert cells('data-slot-channel="Web"') == ["Web", "25", "6"]


def test_slots_page_shows_web_counts_not_yet_flushed(login_as, redis):
    today = datetime.date.today()
    slot = SponsoredSlot.create(kind="home", label="Jobs", starts_on=today, ends_on=today, web_views=10)
    redis.incrby(counter_key(slot.id, "web_views"), 5)
    client, _ = login_as("viewer")
    assert "<td>15</td>" in client.get("/admin/slots/").get_data(as_text=True)
