"""The slots page shows counts still in Redis, added to the flushed ones."""
import datetime

from core.jobs.models import SponsoredSlot
from core.jobs.slots import impressions_key


def test_slots_page_adds_counts_not_yet_flushed(login_as, redis):
    today = datetime.date.today()
    counted = SponsoredSlot.create(kind="home", label="Jobs", starts_on=today, ends_on=today, impressions=100)
    redis.incrby(impressions_key(counted.id), 7)
    client, _ = login_as("viewer")
    assert "<td>107</td>" in client.get("/admin/slots/").get_data(as_text=True)
