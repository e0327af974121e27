"""Demo data for ./run and the simulator: employers, ~40 live jobs, flagged pending jobs, seekers, a slot, a login."""
import datetime
import pathlib
import re
import secrets
import urllib.parse

from core.jobs import livejobs
from core.platform import clock
from core.text.i18n import LANGUAGES
from core.jobs.models import Application, Employer, Job, Referral, SponsoredSlot
from core.platform.models import AuditEvent, db, Staff, utcnow
from core.reference.models import Category
from core.seekers.models import Seeker, SeekerTrade
from core.lifecycle import EMPLOYER_FIELDS
from core.jobs.screening import screen
from core.platform.staff import hash_password

DEMO_ADMIN = "admin@bongpheak.example"

EMPLOYERS = [
    # msisdn, name, province code
    ("+85512600101", "Kandal Garment Co.", 8),
    ("+85512600102", "Angkor Build Ltd", 12),
    ("+85512600103", "Siem Reap Riverside Hotel", 17),
    ("+85512600104", "Battambang Secure Guards", 2),
    ("+85512600105", "Kampong Speu Sugar Farm", 5),
    ("+85512600106", "Sihanouk Seafood Processing", 18),
    ("+85512600107", "Takeo Rice Mill", 21),
    ("+85512600108", "Phnom Penh Mart", 12),
]
UNVERIFIED_EMPLOYER = ("+85512600199", "New Star Recruitment", 1)
# Which demo employer posts which trade (by position in EMPLOYERS), so the demo reads true.
EMPLOYER_OF_TRADE = {
    "GARMENT": 0, "CONSTRUCTION": 1, "HOSPITALITY": 2, "SECURITY": 3, "AGRICULTURE": 4, "FOOD": 5,
    "DOMESTIC": 7, "DRIVING": 7, "RETAIL": 7, "CLEANING": 7,
}

# category code, province code, wage, currency, period, positions, title, details
LIVE_JOBS = [
    ("GARMENT", 8, 250, "USD", "month", 20, "Sewing operators", "8h/day, lunch provided, bus from Takhmao"),
    ("GARMENT", 8, 230, "USD", "month", 50, "Line workers", "Training paid, overtime paid"),
    ("GARMENT", 5, 240, "USD", "month", 30, "Packing workers", "Day shift, safe dormitory"),
    ("GARMENT", 3, 210, "USD", "month", 10, "Quality checkers", "Some experience preferred"),
    ("GARMENT", 25, 205, "USD", "month", 12, "Shoe factory workers", "Free transport from Suong"),
    ("GARMENT", 14, 200, "USD", "month", 25, "Sewing trainees", "Training paid, 6 days a week"),
    ("GARMENT", 12, 260, "USD", "month", 15, "Cutting section workers", "Near Chaom Chau"),
    ("CONSTRUCTION", 12, 12, "USD", "day", 15, "Builders for school project", "Tools provided"),
    ("CONSTRUCTION", 21, 40000, "KHR", "day", 10, "Concrete workers", "Lunch provided"),
    ("CONSTRUCTION", 1, 11, "USD", "day", 8, "Road crew", "3 month project, paid weekly"),
    ("CONSTRUCTION", 20, 10, "USD", "day", 6, "Helpers", "No experience needed"),
    ("CONSTRUCTION", 17, 13, "USD", "day", 12, "Masons", "Hotel extension"),
    ("CONSTRUCTION", 8, 11, "USD", "day", 20, "Site labourers", "Housing project, Ta Khmau"),
    ("HOSPITALITY", 17, 180, "USD", "month", 4, "Hotel housekeeping staff", "2 days off a month"),
    ("HOSPITALITY", 18, 220, "USD", "month", 3, "Cook assistant", "Meals and room provided"),
    ("HOSPITALITY", 23, 170, "USD", "month", 2, "Waiters, seafood restaurant", "Tips shared"),
    ("HOSPITALITY", 7, 175, "USD", "month", 3, "Kitchen helpers", "Morning shift"),
    ("HOSPITALITY", 12, 210, "USD", "month", 5, "Cafe baristas", "Training given"),
    ("HOSPITALITY", 22, 160, "USD", "month", 2, "Guesthouse cleaner", "Room provided"),
    ("SECURITY", 2, 200, "USD", "month", 6, "Night guards for warehouse", "Uniform provided"),
    ("SECURITY", 24, 180, "USD", "month", 1, "Shop guard", "Day shift"),
    ("SECURITY", 17, 190, "USD", "month", 2, "Guards for guesthouse", "Rotating shifts"),
    ("SECURITY", 12, 220, "USD", "month", 8, "Bank branch guards", "Must be over 20"),
    ("SECURITY", 8, 195, "USD", "month", 4, "Factory gate guards", "Meals provided"),
    ("AGRICULTURE", 5, 8, "USD", "day", 30, "Sugar cane harvesters", "Season Dec-Mar, transport provided"),
    ("AGRICULTURE", 2, 7, "USD", "day", 20, "Rice harvest workers", "Paid daily"),
    ("AGRICULTURE", 6, 180, "USD", "month", 5, "Cashew farm workers", "Housing provided"),
    ("DOMESTIC", 12, 170, "USD", "month", 1, "Housekeeper for family", "Live-in, 1 day off a week"),
    ("DOMESTIC", 17, 160, "USD", "month", 1, "Nanny for two children", "Day time only"),
    ("DRIVING", 12, 280, "USD", "month", 3, "Delivery van drivers", "Licence B needed"),
    ("DRIVING", 8, 250, "USD", "month", 2, "Factory bus drivers", "Morning and evening"),
    ("RETAIL", 12, 190, "USD", "month", 6, "Mini-mart cashiers", "Shifts, training given"),
    ("RETAIL", 2, 170, "USD", "month", 3, "Shop assistants", "Market stall"),
    ("CLEANING", 12, 180, "USD", "month", 10, "Office cleaners", "Early morning shift"),
    ("CLEANING", 17, 170, "USD", "month", 4, "Temple area cleaners", "City contract"),
    ("FOOD", 18, 210, "USD", "month", 25, "Fish processing workers", "Protective clothing given"),
    ("FOOD", 21, 200, "USD", "month", 12, "Rice mill workers", "Meals provided"),
    ("FOOD", 3, 190, "USD", "month", 8, "Noodle factory workers", "Near Kampong Cham town"),
    ("GARMENT", 2, 215, "USD", "month", 18, "Bag factory workers", "Overtime paid"),
    ("HOSPITALITY", 9, 190, "USD", "month", 3, "Resort room attendants", "Koh Kong town"),
    # Employers text in Khmer script too: every menu must show this one's wage and place, whatever its language.
    ("RETAIL", 12, 200, "USD", "month", 3, "អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង",
     "ឈប់សម្រាក ៤ ថ្ងៃក្នុងមួយខែ។ មានអាហារថ្ងៃត្រង់ និងកន្លែងស្នាក់នៅ។ នៅជិតផ្សារអូរឫស្សី។"),
]

# Listings screening holds for staff: what the moderation queue shows on a fresh install.
PENDING_JOBS = [
    ("GARMENT", 1, 600, "USD", "month", 40, "Factory workers for Bangkok", "Free travel, visa arranged"),
    ("CONSTRUCTION", 12, 15, "USD", "day", 10, "Builders needed", "Pay 50$ registration fee before start"),
    ("SECURITY", 18, 1500, "USD", "month", 20, "Online typing and customer service", "No experience, casino area"),
    ("AGRICULTURE", 5, 200, "USD", "month", 5, "កម្មករ បង់ប្រាក់កក់ 50 ដុល្លារ", ""),
    ("AGRICULTURE", 5, 200, "USD", "month", 5, "Cane cutters", "Salary paid after 3 months"),
]


def login_file(database_url):
    """Where the demo admin's password is kept: beside its SQLite file, or named after its PostgreSQL database, so a
    password printed is always the one of the database in use."""
    parsed = urllib.parse.urlparse(database_url)
    if parsed.scheme.startswith("sqlite"):
        return f"{parsed.path[1:]}.demo-login.txt"  # sqlite:///var/x.db is var/x.db; sqlite:////tmp/x.db, /tmp/x.db
    name = re.sub(r"[^\w.-]", "_", f"{parsed.hostname or 'local'}-{parsed.port or ''}-{parsed.path.strip('/')}")
    return f"var/demo-login-{name}.txt"


def seed_demo(password_file="var/demo-login.txt"):
    """Create the demo data once; running again changes nothing. Returns (admin email, password)."""
    today = clock.today()  # the slot below runs on days of the deployment's calendar
    with db.atomic():
        employers = []
        for index, (msisdn, name, province) in enumerate(EMPLOYERS):
            employer, created = Employer.get_or_create(
                msisdn=msisdn,
                defaults=dict(
                    name=name,
                    province=province,
                    status="verified",
                    verified_by=DEMO_ADMIN,
                    verified_at=utcnow(),
                    verification_note="Demo: business licence and site visit",
                ),
            )
            if created:  # staff see who verified each demo employer, as for one they verify themselves
                AuditEvent.record(DEMO_ADMIN, "employer.verify", employer, None,
                                  AuditEvent.snapshot(employer, EMPLOYER_FIELDS))
            employers.append(employer)
        msisdn, name, province = UNVERIFIED_EMPLOYER
        unverified, _ = Employer.get_or_create(msisdn=msisdn, defaults=dict(name=name, province=province))

        categories = {c.code: c for c in Category.select()}
        jobs = []
        for index, (code, province, wage, currency, period, positions, title, details) in enumerate(LIVE_JOBS):
            employer = employers[EMPLOYER_OF_TRADE.get(code, 7)]
            job = _job(
                f"J{1101 + index}", employer, categories[code], province, wage, currency, period, positions,
                title, details, status="live", published_at=utcnow() - datetime.timedelta(hours=index),
            )
            jobs.append(job)
        for index, (code, province, wage, currency, period, positions, title, details) in enumerate(PENDING_JOBS):
            employer = unverified if index == 0 else employers[EMPLOYER_OF_TRADE[code]]
            flags = screen(f"{title}, {details}".strip(" ,"), code, province, wage, currency, period)
            _job(
                f"J{1901 + index}", employer, categories[code], province, wage, currency, period, positions,
                title, details, status="pending", flags=flags,
            )

        seekers = []
        for index in range(30):
            seeker, created = Seeker.get_or_create_by_msisdn(
                f"+8559770{index:05d}",
                language=LANGUAGES[index % 3],
                home_province=(8, 12, 17, 2, 5, 18)[index % 6],
                reach=("same", "near", "any")[index % 3],
                alerts_on=index % 2 == 0,
            )
            if created:
                trades = {categories["GARMENT"], list(categories.values())[index % len(categories)]}
                SeekerTrade.insert_many(
                    [{"seeker": seeker, "category": category} for category in trades]
                ).on_conflict_ignore().execute()
            seekers.append(seeker)

        intermediary = seekers[0]
        for friend in seekers[1:4]:
            if friend.referred_by_id is None:
                Seeker.update(referred_by=intermediary).where(Seeker.id == friend.id).execute()
                Referral.create(referrer=intermediary, friend_msisdn=friend.msisdn, friend=friend, job=jobs[0])
                Application.insert(
                    job=jobs[0], seeker=friend, channel="ussd", referrer=intermediary, experienced=True
                ).on_conflict_ignore().execute()

        if not SponsoredSlot.select().exists():
            SponsoredSlot.create(
                kind="job",
                job=jobs[0],
                categories=["GARMENT"],
                provinces=[8, 12],
                starts_on=today - datetime.timedelta(days=7),
                ends_on=today + datetime.timedelta(days=60),
                price_cents=15000,
                buyer=jobs[0].employer.name,
                created_by=DEMO_ADMIN,
            )

        password = _demo_password(pathlib.Path(password_file))
    livejobs.bump_version()  # jobs, employers and slots were written directly: every process reloads its copy
    return DEMO_ADMIN, password


def _job(ref, employer, category, province, wage, currency, period, positions, title, details, **fields):
    job = Job.get_or_none(Job.ref == ref)
    if job is None:
        job = Job.create(
            ref=ref,
            employer=employer,
            category=category,
            province=province,
            wage_amount=wage,
            wage_currency=currency,
            wage_period=period,
            positions=positions,
            title=title,
            details=details,
            source="seed",
            **fields,
        )
    return job


def _demo_password(path):
    """The demo admin's password: made once, kept in the ignored var/ folder so ./run can print it again."""
    staff = Staff.get_or_none(Staff.email == DEMO_ADMIN)
    if staff is not None and path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    if staff is None:
        Staff.create(email=DEMO_ADMIN, password_hash=hash_password(password), role="admin")
    else:
        Staff.update(password_hash=hash_password(password)).where(Staff.id == staff.id).execute()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    return password
