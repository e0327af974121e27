"""Referrals: an intermediary passes the service, or a job, to a friend by SMS or by a phone call — capped, never to
a STOP number."""
import enum

from core.outbound import calls, outbox, spend
from core.platform import runtime
from core.text.gsm import is_gsm7
from core.text.i18n import text
from core.jobs.models import Referral
from core.platform.models import db
from core.seekers.models import Seeker
from core.text.phone import is_cambodian_mobile, local_msisdn, normalise_msisdn
from core.text.wording import fitted, job_facts


class Outcome(enum.Enum):
    SENT = "sent"
    INVALID_NUMBER = "invalid_number"
    SELF = "self"
    OPTED_OUT = "opted_out"
    REFERRER_CAP = "referrer_cap"
    FRIEND_CAP = "friend_cap"
    JOB_CLOSED = "job_closed"


REFUSALS = {"opted_out": Outcome.OPTED_OUT, "cap:sharer": Outcome.REFERRER_CAP, "cap:friend": Outcome.FRIEND_CAP}


def invite(referrer, friend_number, job=None, channel="sms", relation=None, origin="phone", sharer_name=None):
    """Send a friend one invitation (with the job when given) naming the referrer. Returns (Outcome, friend msisdn)."""
    # With channel "call" the invitation is a phone call that reads the job; `relation` is how they know each other.
    # `origin` says where the sharer asked ("web" for the public site), for the dashboard's count of shares.
    friend_msisdn = normalise_msisdn(friend_number)
    if friend_msisdn is None or not is_cambodian_mobile(friend_msisdn):
        return Outcome.INVALID_NUMBER, None
    if friend_msisdn == referrer.msisdn:
        return Outcome.SELF, friend_msisdn
    if job is not None and not job.is_open:
        return Outcome.JOB_CLOSED, friend_msisdn
    friend = Seeker.get_or_none(Seeker.msisdn == friend_msisdn)
    with db.atomic():
        # One rule for what we pay for (core.outbound.spend): the friend's opt-out, quiet hours, the sharer's daily and the
        # friend's weekly cap, counted under a lock on both so parallel shares cannot overrun them.
        decision = spend.allow("share" if channel == "call" else "invite", friend_msisdn, sharer=referrer)
        if decision.refused:
            return REFUSALS[decision.refused], friend_msisdn
        referral = Referral.create(referrer=referrer, friend_msisdn=friend_msisdn, friend=friend, job=job,
                                   channel=channel, origin=origin, sharer_name=sharer_name)
        if channel == "call":
            call = calls.schedule(friend_msisdn, "share", job, referral=referral, relation=relation,
                                  language=_language(referrer, friend))
        else:
            message = outbox.add(friend_msisdn, _invitation(referrer, friend, job, sharer_name), kind="invite",
                                 job=job, not_before=decision.not_before)
    if channel == "call":
        calls.dispatch([call])
    else:
        outbox.dispatch([message])
    return Outcome.SENT, friend_msisdn


def _language(referrer, friend):
    """The friend's language if we know it, else the referrer's: they likely share it."""
    return (friend.language if friend is not None and friend.language else None) or referrer.language


def _who(referrer, sharer_name, language):
    """The sharer as the friend reads them: the number, after the name the sharer gave on the site (unless a name
    in Khmer script would turn a GSM-7 message into UCS-2, which fits less than half as much per SMS)."""
    number = local_msisdn(referrer.msisdn)
    if sharer_name and (language == "km" or is_gsm7(sharer_name)):
        return f"{sharer_name} {number}"
    return number


def invitation(referral):
    """The SMS that passes a referral's job (or the service) to the friend."""
    return _invitation(referral.referrer, referral.friend, referral.job, referral.sharer_name)


def _invitation(referrer, friend, job, sharer_name=None):
    """In the friend's language if we know it, else the referrer's, else [app] default_language."""
    deployment = runtime.current().config.deployment()
    language = _language(referrer, friend) or deployment.default_language
    who = _who(referrer, sharer_name, language)
    values = dict(who=who, service=deployment.service, code=referrer.referral_code, ussd=deployment.ussd_code)
    if job is None:
        return text(language, "sms.invite", **values)
    return fitted(
        language,
        "sms.invite.job",
        **job_facts(job, language),
        **values,
    )
