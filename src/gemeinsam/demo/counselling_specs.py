"""The shapes of the demo's counselling data, who counsels on what, and where each agency takes
requests from. The data itself is in counselling_requests.py, counselling_cases.py and
counselling_history.py; counselling.py writes it.

Everyone asking is invented; addresses are at example.org, phone numbers from the ranges the
Bundesnetzagentur keeps for fiction (040 66969-…, 030 23125-…).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import people

# The staff who counsel in the demo (people.py has them with their agencies and languages).
JANA = people.cast().advisor_x.email  # KomMig: founding an association, organizational development
KARIM = "karim.nasser@example.org"  # KomMig: funding applications, also in Arabic
ELIF = "elif.aydin@example.org"  # KomMig: „Vernetzt & Aktiv“, also in Turkish
MIRIAM = people.cast().manager.email  # KomMig's manager
LENA = "lena.vogel@example.org"  # Paritätischer NRW
BARAN = "baran.kilic@example.org"  # DRK Münster, also in Turkish and Kurdish
KATRIN = "katrin.schulz@example.org"  # DRK Münster's manager, who counsels as well
TOBIAS = people.cast().advisor_y.email  # VIA: committee coaching, project planning
AMIRA = "amira.mansour@example.org"  # VIA: labour law, volunteers, also in Arabic
FARID = "farid.rahimi@example.org"  # Paritätischer Gesamtverband

KOMMIG = "kommig-hamburg"
NRW = "paritaetischer-nrw"
MUENSTER = "drk-muenster-integrationsagentur"
VIA = "via-berlin-brandenburg"
BUND = "paritaetischer-gesamtverband"

# Where requests come from. The longest matching postcode prefix wins, then the federal state.
# Münster's own prefix sends its requests to the DRK's local contact point rather than to the
# state-wide Paritätischer NRW. The Gesamtverband takes the states no regional agency on the
# platform covers yet, except the eastern ones: a request from Saxony reaches nobody, and every
# queue shows it.
COVERAGE = {  # agency → (postcode prefixes, federal states)
    KOMMIG: ("20 21 22", "HH"),
    NRW: ("32 33 40 41 42 44 45 46 47 48 50 51 52 53 57 58 59", "NW"),
    MUENSTER: ("481", ""),
    VIA: ("03 10 12 13 14 15 16", "BE BB"),
    BUND: ("", "BW BY HB HE NI RP SH SL"),
}

# The topics each advisor counsels on, as the seeds describe the agencies' offers. Managers
# without an entry take no requests of their own.
ADVISOR_TOPICS = {
    JANA: "association_founding organizational_development association_law volunteers",
    KARIM: "funding_applications project_planning project_administration association_founding",
    ELIF: "organizational_development cooperation youth_welfare volunteers",
    LENA: "cooperation funding_applications committee_participation youth_welfare "
    "organizational_development association_founding volunteers",
    BARAN: "mediation youth_welfare cooperation organizational_development",
    KATRIN: "mediation cooperation",
    TOBIAS: "committee_participation project_planning funding_applications project_administration",
    AMIRA: "labour_law volunteers association_law funding_applications",
    FARID: "youth_welfare funding_applications organizational_development association_founding",
}

CONSENT_VERSION = "2026-01"
CONSENT_TEXT = {
    "de": (
        "Ich bin einverstanden, dass meine Angaben gespeichert und an die Beratungsstelle "
        "weitergegeben werden, die meine Anfrage übernimmt, damit sie mir antworten und mich "
        "beraten kann. Nur die Mitarbeiter*innen der Beratungsstelle sehen sie. Sie werden "
        "gelöscht oder anonymisiert, wenn die Beratung beendet und die Aufbewahrungsfrist "
        "abgelaufen ist. Ich kann meine Einwilligung jederzeit widerrufen, indem ich der "
        "Beratungsstelle schreibe."
    ),
    "ar": (
        "أوافق على حفظ البيانات التي أقدمها هنا وإرسالها إلى مركز الاستشارة الذي يتولى طلبي، "
        "حتى يتمكن من الرد عليّ وتقديم الاستشارة لي. لا يطّلع عليها إلا موظفو المركز. تُحذف "
        "البيانات أو تُجعل مجهولة الهوية بعد انتهاء الاستشارة وانقضاء مدة الحفظ. يمكنني سحب "
        "موافقتي في أي وقت بمراسلة المركز."
    ),
}
CASE_DATA_CONSENT = (
    "Wir sind einverstanden, dass die Beratungsstelle zu unserer Beratung Termine, "
    "Vereinbarungen und Unterlagen speichert, solange die Beratung läuft und danach bis zum Ende "
    "der Aufbewahrungsfrist. Interne Notizen sehen nur die beratenden Mitarbeiter*innen."
)


@dataclass(frozen=True)
class Asker:
    """Someone asking for counselling: by email, by phone, or as a demo log-in (`user`)."""

    name: str
    email: str = ""
    phone: str = ""
    user: str = ""  # the email of a demo account that asks while logged in
    mail_language: str = "de"


@dataclass(frozen=True)
class RequestSpec:
    asker: Asker
    topics: tuple[str, ...]
    language: str  # working-language code
    channel: str
    description: str
    days_ago: int
    organization: str = ""  # the name of a demo organization
    organization_name: str = ""  # a group not (yet) in the directory
    postcode: str = ""
    federal_state: str = ""
    preferred_times: str = ""
    # What became of it; by default it waits in the queue.
    declined: str = ""  # the reason given
    withdrawn: bool = False
    forward_to: str = ""  # agency slug
    forward_reason: str = ""
    decided_by: str = ""  # the staff member who declined or forwarded


@dataclass(frozen=True)
class SessionSpec:
    day: int  # days after the case was opened
    minutes: int
    channel: str
    participants: str
    summary: str  # internal, encrypted
    next_steps: str = ""  # shared with the organization
    advisor: str = ""  # default: the case's first advisor


@dataclass(frozen=True)
class NoteSpec:
    day: int
    author: str
    body: str


@dataclass(frozen=True)
class TaskSpec:
    title: str
    due: int  # days from the day the demo is loaded
    assignee: str
    shared: bool = False
    done: bool = False


@dataclass(frozen=True)
class OutcomeSpec:
    kind: str
    day: int
    programme: str = ""
    amount: Decimal | None = None
    comment: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    name: str  # the file name people see; .pdf is generated, .txt written as it is
    title: str
    lines: tuple[str, ...]
    by: str
    day: int
    shared: bool = False


@dataclass(frozen=True)
class ContactSpec:
    name: str
    email: str
    organization: str = ""


@dataclass(frozen=True)
class CaseSpec:
    agency: str
    title: str
    case_type: str
    advisors: tuple[str, ...]  # the first one accepts the request and writes the sessions
    opened_ago: int
    request: RequestSpec | None = None
    # For a case opened without a request:
    organizations: tuple[str, ...] = ()
    contacts: tuple[ContactSpec, ...] = ()
    topics: tuple[str, ...] = ()
    language: str = "de"
    project: str = ""
    template: str = ""
    steps_done: int = 0  # the template's first steps, done
    step_due: dict[int, int] = field(default_factory=dict)  # step position → due in days
    sessions: tuple[SessionSpec, ...] = ()
    notes: tuple[NoteSpec, ...] = ()
    tasks: tuple[TaskSpec, ...] = ()
    outcomes: tuple[OutcomeSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    # A manager who opened the confidential parts with a reason, days ago.
    break_glass: tuple[str, str, int] | None = None
    # (advisor, what was read) for the access log: every read leaves a trace.
    reads: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AppointmentSpec:
    key: str  # stable: the appointment's uid is "demo-<key>"
    advisor: str
    agency: str
    week: int  # 0: this week, 1: next week
    weekday: int  # 0 = Monday
    start: tuple[int, int]
    minutes: int
    channel: str
    title: str
    case: str = ""  # the title of a featured case; its contact people are invited
    location: str = ""
    video_link: str = ""
