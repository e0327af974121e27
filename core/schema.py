"""Every table of the service, in the order they are created (each package holds its own models)."""
from core.contacts.models import InboundMessage, UssdStep
from core.jobs.models import Application, Employer, Job, JobReport, ListingDraft, Referral, SponsoredSlot
from core.outbound.models import Call, EarlyDeliveryReport, OutboundMessage, Refusal, VoicePrompt
from core.platform.models import AuditEvent, LoginThrottle, Staff, Tally
from core.reference.models import Category, Province, ProvinceBorder
from core.seekers.models import Seeker, SeekerTrade, ShareCode

MODELS = (
    Province,
    ProvinceBorder,
    Category,
    Employer,
    Seeker,
    SeekerTrade,
    Job,
    Application,
    JobReport,
    Referral,
    SponsoredSlot,
    OutboundMessage,
    EarlyDeliveryReport,
    UssdStep,
    InboundMessage,
    ListingDraft,
    Staff,
    AuditEvent,
    LoginThrottle,
    Tally,
    Refusal,
    ShareCode,
    Call,
    VoicePrompt,
)
