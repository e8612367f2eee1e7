"""The facts rules may ask about an organization: name, type, bounds and a label in every
language. A rule naming anything else is refused when it is saved, not when it runs.

A fact that is not known is simply absent: rules then answer "unknown", never "not met".
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal, InvalidOperation

from gemeinsam.core.enums import FederalState

BOOL, INT, MONEY, DATE, CHOICE = "bool", "int", "money", "date", "choice"

# The directory's legal forms (organizations.LegalForm codes), so a profile answers directly.
LEGAL_FORMS = (
    "registered_association",
    "unregistered_association",
    "ggmbh",
    "foundation",
    "initiative",
    "public_body",
    "religious_community",
)


@dataclasses.dataclass(frozen=True)
class Fact:
    name: str
    type: str
    labels: dict[str, str]
    choices: tuple[str, ...] = ()
    # Dates that cannot lie in the future (founding, notices); numbers that cannot be negative.
    not_in_future: bool = False

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["de"]


def _fact(name, type_, de, en, ar, tr, **extra) -> Fact:
    return Fact(name, type_, {"de": de, "en": en, "ar": ar, "tr": tr}, **extra)


FACTS: dict[str, Fact] = {
    fact.name: fact
    for fact in [
        _fact(
            "legal_form",
            CHOICE,
            "Rechtsform",
            "Legal form",
            "الشكل القانوني",
            "Hukuki yapı",
            choices=LEGAL_FORMS,
        ),
        _fact(
            "founded_on",
            DATE,
            "Gründungsdatum",
            "Founding date",
            "تاريخ التأسيس",
            "Kuruluş tarihi",
            not_in_future=True,
        ),
        _fact(
            "members", INT, "Zahl der Mitglieder", "Number of members", "عدد الأعضاء", "Üye sayısı"
        ),
        _fact(
            "charitable_notice_on",
            DATE,
            "Datum des Freistellungsbescheids",
            "Date of the tax exemption notice",
            "تاريخ إشعار الإعفاء الضريبي",
            "Vergi muafiyeti bildiriminin tarihi",
            not_in_future=True,
        ),
        _fact(
            "charitable_finding_on",
            DATE,
            "Datum des Feststellungsbescheids nach § 60a AO",
            "Date of the § 60a AO finding",
            "تاريخ قرار الإثبات وفق المادة 60a",
            "§ 60a AO tespit kararının tarihi",
            not_in_future=True,
        ),
        _fact(
            "youth_work_since",
            DATE,
            "Jugendhilfe-Tätigkeit seit",
            "Youth-welfare work since",
            "العمل في رعاية الشباب منذ",
            "Gençlik refahı çalışması başlangıcı",
            not_in_future=True,
        ),
        _fact(
            "recognised_75",
            BOOL,
            "Anerkannt als Träger der freien Jugendhilfe (§ 75 SGB VIII)",
            "Recognised as youth-welfare provider (§ 75 SGB VIII)",
            "معترف بها كجهة حاملة لرعاية الشباب (المادة 75)",
            "Gençlik refahı kuruluşu olarak tanınmış (§ 75 SGB VIII)",
        ),
        _fact(
            "azav_valid_until",
            DATE,
            "AZAV-Zulassung gültig bis",
            "AZAV approval valid until",
            "اعتماد AZAV ساري حتى",
            "AZAV onayı geçerlilik sonu",
        ),
        _fact(
            "federal_state",
            CHOICE,
            "Bundesland",
            "Federal state",
            "الولاية",
            "Eyalet",
            choices=tuple(FederalState.values),
        ),
        _fact(
            "board_majority_migration",
            BOOL,
            "Vorstand mehrheitlich mit Migrationsgeschichte",
            "Board majority with migration history",
            "أغلبية مجلس الإدارة من ذوي تاريخ الهجرة",
            "Yönetim kurulu çoğunluğu göç geçmişine sahip",
        ),
        _fact(
            "welfare_association_member",
            BOOL,
            "Mitglied eines Wohlfahrtsverbands",
            "Member of a welfare association",
            "عضو في اتحاد للرعاية الاجتماعية",
            "Bir refah birliğinin üyesi",
        ),
        _fact(
            "annual_income",
            MONEY,
            "Jährliche Einnahmen (€)",
            "Annual income (€)",
            "الإيرادات السنوية (يورو)",
            "Yıllık gelir (€)",
        ),
        _fact(
            "own_funds",
            MONEY,
            "Eigenmittel (€)",
            "Own funds (€)",
            "الأموال الذاتية (يورو)",
            "Öz kaynaklar (€)",
        ),
        # Founding and running a Kita (§ 45 SGB VIII).
        _fact(
            "has_concept",
            BOOL,
            "Pädagogische Konzeption liegt vor",
            "A pedagogical concept is written",
            "يوجد تصور تربوي مكتوب",
            "Yazılı bir pedagojik konsept var",
        ),
        _fact(
            "has_premises",
            BOOL,
            "Geeignete Räume mit Grundrissen",
            "Suitable premises with floor plans",
            "مبانٍ مناسبة مع مخططاتها",
            "Planlarıyla birlikte uygun mekânlar",
        ),
        _fact(
            "staff_qualified",
            BOOL,
            "Qualifiziertes Personal für die geplante Arbeit",
            "Qualified staff for the planned work",
            "كوادر مؤهلة للعمل المخطط له",
            "Planlanan iş için nitelikli personel",
        ),
        _fact(
            "child_protection_concept",
            BOOL,
            "Schutzkonzept mit Beteiligung und Beschwerdeverfahren",
            "Protection concept with participation and complaint procedures",
            "مفهوم حماية مع إجراءات المشاركة والشكاوى",
            "Katılım ve şikâyet usulleri içeren koruma konsepti",
        ),
        _fact(
            "building_approval",
            BOOL,
            "Baugenehmigung für die Nutzung (mit Brandschutz)",
            "Building approval for the use (with fire safety)",
            "ترخيص البناء للاستخدام (مع الحماية من الحرائق)",
            "Kullanım için yapı izni (yangın güvenliği dahil)",
        ),
        _fact(
            "in_needs_plan",
            BOOL,
            "In der Bedarfsplanung des Jugendamts",
            "In the youth welfare office's needs planning",
            "مدرجة في تخطيط الاحتياجات لدى مكتب رعاية الشباب",
            "Gençlik dairesinin ihtiyaç planlamasında",
        ),
        _fact(
            "kita_permit",
            BOOL,
            "Betriebserlaubnis nach § 45 SGB VIII erteilt",
            "Operating permit under § 45 SGB VIII granted",
            "تم منح ترخيص التشغيل وفق المادة 45",
            "§ 45 SGB VIII uyarınca işletme izni verildi",
        ),
        # Labour-market measures (SGB III, AZAV).
        _fact(
            "qm_system",
            BOOL,
            "Funktionierendes Qualitätsmanagementsystem",
            "A working quality-management system",
            "نظام فعّال لإدارة الجودة",
            "İşleyen bir kalite yönetim sistemi",
        ),
        _fact(
            "partner_of_approved_provider",
            BOOL,
            "Partner eines zugelassenen Trägers (AZAV)",
            "Partner of an approved provider (AZAV)",
            "شريك لجهة معتمدة (AZAV)",
            "Onaylı bir kuruluşun ortağı (AZAV)",
        ),
    ]
}


class FactError(ValueError):
    """An answer that cannot be true: a founding date in the future, negative members, …"""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def clean_facts(raw: dict, *, as_of: datetime.date) -> dict:
    """Typed facts from answers (strings from a form, or JSON values); unknown keys, wrong
    types and impossible values are errors, named per fact. Missing or empty means unknown."""
    from django.utils.translation import gettext as _

    clean, problems = {}, {}
    for name, value in raw.items():
        fact = FACTS.get(name)
        if fact is None:
            problems[name] = _("There is no such fact.")
            continue
        if value is None or value == "":
            continue
        try:
            clean[name] = _convert(fact, value)
        except (TypeError, ValueError, InvalidOperation):
            problems[name] = _("This value does not fit the question.")
            continue
        if fact.type in (INT, MONEY) and clean[name] < 0:
            problems[name] = _("This cannot be negative.")
        elif fact.not_in_future and clean[name] > as_of:
            problems[name] = _("This date cannot lie in the future.")
    if problems:
        raise FactError(problems)
    return clean


def _convert(fact: Fact, value):
    if fact.type == BOOL:
        if isinstance(value, bool):
            return value
        if str(value).lower() in {"true", "1", "yes", "on"}:
            return True
        if str(value).lower() in {"false", "0", "no", "off"}:
            return False
        raise ValueError(value)
    if fact.type == INT:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(value)
        return int(value)
    if fact.type == MONEY:
        if isinstance(value, bool):
            raise ValueError(value)
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise ValueError(value)
        return amount
    if fact.type == DATE:
        if isinstance(value, datetime.date):
            return value
        return datetime.date.fromisoformat(str(value))
    if value not in fact.choices:
        raise ValueError(value)
    return value
