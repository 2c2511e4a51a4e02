"""The input to readiness: one man's case as plain frozen dataclasses.

Built from the database by the plans app, or from JSON by `case_from_json` for scenarios. Field names are
the field's own (NOMIS / CRDS / Manage POM Cases / CAS1), and codes are the same strings as
`resettle.people.vocabulary` and `resettle.plans.models`, so a model value converts with `RoshLevel(value)`.
Every date is a calendar date; "not recorded" is None, never a sentinel.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..accommodation import AccommodationCategory
from ..handover import PomType
from ..release import KeyDates  # noqa: F401  (part of a Case: the one type of key dates)


class CustodyStatus(StrEnum):
    IN_CUSTODY = "IN_CUSTODY"
    RECALLED = "RECALLED"
    RELEASED = "RELEASED"


class LegalStatus(StrEnum):
    """Prisoner Search `legalStatus`."""

    SENTENCED = "SENTENCED"
    RECALL = "RECALL"
    INDETERMINATE_SENTENCE = "INDETERMINATE_SENTENCE"
    REMAND = "REMAND"
    CONVICTED_UNSENTENCED = "CONVICTED_UNSENTENCED"
    IMMIGRATION_DETAINEE = "IMMIGRATION_DETAINEE"
    CIVIL_PRISONER = "CIVIL_PRISONER"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


class SentenceKind(StrEnum):
    """What the protection rules need to know about the sentence; from the calc types of his sentences."""

    DETERMINATE = "DETERMINATE"  # SDS, SDS+, SOPC, DTO...
    EXTENDED = "EXTENDED"  # EDS and its predecessors (vocabulary.EXTENDED_CALC_TYPES)
    LIFE = "LIFE"  # LIFE, MLP, ALP, DLP, HMPL
    IPP = "IPP"  # IPP, DPP


class RoshLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    VERY_HIGH = "VERY_HIGH"


class ApplicationStatus(StrEnum):
    """CAS1 `ApprovedPremisesApplicationStatus`."""

    STARTED = "STARTED"
    REJECTED = "REJECTED"
    AWAITING_ASSESSMENT = "AWAITING_ASSESSMENT"
    UNALLOCATED_ASSESSMENT = "UNALLOCATED_ASSESSMENT"
    ASSESSMENT_IN_PROGRESS = "ASSESSMENT_IN_PROGRESS"
    AWAITING_PLACEMENT = "AWAITING_PLACEMENT"
    REQUESTED_FURTHER_INFORMATION = "REQUESTED_FURTHER_INFORMATION"
    PENDING_PLACEMENT_REQUEST = "PENDING_PLACEMENT_REQUEST"
    PLACEMENT_ALLOCATED = "PLACEMENT_ALLOCATED"
    INAPPLICABLE = "INAPPLICABLE"
    WITHDRAWN = "WITHDRAWN"
    EXPIRED = "EXPIRED"


# An application in one of these states no longer leads to a placement.
CLOSED_APPLICATION = frozenset(
    {
        ApplicationStatus.REJECTED,
        ApplicationStatus.INAPPLICABLE,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.EXPIRED,
    }
)


class TransferStatus(StrEnum):
    REQUESTED = "REQUESTED"
    AGREED = "AGREED"
    COMPLETED = "COMPLETED"
    REFUSED = "REFUSED"  # e.g. no receiving prison will take a man convicted of sexual offences


class Pathway(StrEnum):
    """The seven resettlement pathways (Resettlement Passport)."""

    ACCOMMODATION = "ACCOMMODATION"
    ATTITUDES_THINKING_AND_BEHAVIOUR = "ATTITUDES_THINKING_AND_BEHAVIOUR"
    CHILDREN_FAMILIES_AND_COMMUNITY = "CHILDREN_FAMILIES_AND_COMMUNITY"
    DRUGS_AND_ALCOHOL = "DRUGS_AND_ALCOHOL"
    EDUCATION_SKILLS_AND_WORK = "EDUCATION_SKILLS_AND_WORK"
    FINANCE_AND_ID = "FINANCE_AND_ID"
    HEALTH = "HEALTH"


class PathwayStatus(StrEnum):
    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    SUPPORT_REQUIRED = "SUPPORT_REQUIRED"
    SUPPORT_NOT_REQUIRED = "SUPPORT_NOT_REQUIRED"
    SUPPORT_DECLINED = "SUPPORT_DECLINED"
    DONE = "DONE"


@dataclass(frozen=True)
class Person:
    prison_number: str  # A1234BC
    date_of_birth: date
    received_on: date  # reception into custody for this booking
    status: CustodyStatus = CustodyStatus.IN_CUSTODY
    legal_status: LegalStatus = LegalStatus.SENTENCED
    current_prison: str | None = None  # prison code, e.g. DAI
    release_area: str | None = None  # the probation delivery unit he will be released to
    # True when his current prison is a designated resettlement prison serving his release area.
    in_resettlement_prison_for_release_area: bool = False
    security_category: str | None = None  # A, B, C, D
    womens_estate: bool = False  # held in the women's estate (the prison's estate)
    in_open_conditions: bool = False  # an open prison; in the women's estate, an open category
    # Men: the day he arrived in open conditions; women: the day her category changed to open.
    moved_to_open_conditions_on: date | None = None
    liable_to_deportation: bool = False
    released_on: date | None = None


@dataclass(frozen=True)
class Offending:
    """The conviction and sentence facts the protection rules use (MAPPA category, notification, HDC)."""

    convicted_on: date
    sentence_kind: SentenceKind = SentenceKind.DETERMINATE
    custodial_term_months: int | None = None  # the term of imprisonment; s.82 and s.327 thresholds
    sds_plus: bool = False  # released at two-thirds
    murder: bool = False
    schedule_15: bool = False  # CJA 2003 Schedule 15 specified offence
    schedule_3: bool = False  # SOA 2003 Schedule 3 notification offence
    sexual: bool = False
    violent: bool = False
    terrorism: bool = False
    additional_future_isp: bool = False  # another indeterminate sentence to serve after this one


@dataclass(frozen=True)
class Dates:
    recorded: KeyDates = field(default_factory=KeyDates)  # as the prison system records them
    calculated: KeyDates | None = None  # Resettle's calculation; None when not run or refused
    calculation_refused: str | None = None  # the engine's reason, when it would not calculate


@dataclass(frozen=True)
class Mappa:
    category: int | None = None  # as recorded on NOMIS / nDelius / ViSOR
    category_3_decision_on: date | None = None  # category 3 exists only by recorded decision
    level: int | None = None  # 1-3; 0 not relevant; None not known (Manage POM Cases' scale)
    level_set_on: date | None = None  # MAPPA Q screening done and level set
    referral_on: date | None = None  # MAPPA A referral to level 2/3
    prison_report_on: date | None = None  # MAPPA F, the prison's contribution
    meetings: tuple[date, ...] = ()  # level 2/3 meetings and reviews held
    rmp_agreed_on: date | None = None  # risk management plan
    police_told_of_release_on: date | None = None  # police and ViSOR told of release address and date


@dataclass(frozen=True)
class Notification:
    subject_to_notification: bool = False  # recorded as a registered sexual offender
    initial_notification_on: date | None = None  # first notification at a police station after release


@dataclass(frozen=True)
class Risk:
    rosh_level: RoshLevel | None = None
    rosh_assessed_on: date | None = None  # date of the last OASys RoSH assessment
    # The latest significant event that calls for a RoSH review (rulebook §9 #5): a further charge, a
    # serious incident, a change of risk reported by the police...
    significant_event_on: date | None = None
    significant_event: str = ""
    tier: str | None = None  # as recorded: B2 or C
    mappa: Mappa = field(default_factory=Mappa)
    notification: Notification = field(default_factory=Notification)
    maintains_innocence: bool | None = None  # None: not yet recorded
    appellant: bool = False  # a live appeal (a CCRC application alone is not)
    high_profile: bool = False
    serious_crime_prevention_order: bool = False
    cppc_case: bool = False  # critical public protection case


@dataclass(frozen=True)
class PomAllocation:
    pom_type: PomType
    allocated_on: date


@dataclass(frozen=True)
class ComAllocation:
    allocated_on: date
    enhanced_resourcing: bool | None = None  # nDelius flag; None (unknown) counts as enhanced


@dataclass(frozen=True)
class Allocations:
    pom: PomAllocation | None = None
    com: ComAllocation | None = None


@dataclass(frozen=True)
class EarlyAllocation:
    screened_on: date
    accepted: bool = False  # the community accepted: handover moves to ERD - 15 months


@dataclass(frozen=True)
class HandoverTasks:
    """Manage POM Cases' handover progress checklist."""

    reviewed_oasys: bool = False
    contacted_com: bool = False
    attended_handover_meeting: bool = False
    sent_handover_report: bool = False


@dataclass(frozen=True)
class Parole:
    parom1_completed_on: date | None = None  # the POM's parole report
    refused_release: bool = False  # last hearing outcome "no release"


@dataclass(frozen=True)
class ApprovedPremisesApplication:
    submitted_on: date
    arrival_on: date | None = None  # expected arrival; None for a parole case awaiting its date
    status: ApplicationStatus = ApplicationStatus.AWAITING_ASSESSMENT


@dataclass(frozen=True)
class AccommodationPlan:
    category: AccommodationCategory  # where he is to live, in MI014 terms
    address: str = ""
    confirmed_on: date | None = None  # None: not yet confirmed


@dataclass(frozen=True)
class Transfer:
    """Transfer to a resettlement prison serving his release area (rulebook §4.1)."""

    target_prison: str
    due_on: date | None = None
    status: TransferStatus = TransferStatus.REQUESTED


class PlannedTransferStatus(StrEnum):
    """A move from the national transfer plan (planning.Transfer) that an SPO or governor has agreed."""

    ACCEPTED = "ACCEPTED"
    BOOKED = "BOOKED"
    COMPLETED = "COMPLETED"


@dataclass(frozen=True)
class PlannedTransfer:
    """His move in the national transfer plan: where to, arriving when (issue 10)."""

    target_prison: str
    arrives_on: date
    status: PlannedTransferStatus


@dataclass(frozen=True)
class Licence:
    conditions: tuple[str, ...] = ()  # e.g. APPROVED_PREMISES_RESIDENCE, EXCLUSION_ZONE, NO_CONTACT
    issued_on: date | None = None
    # The conditions the COM and the risk management plan ask for, which the issued licence must carry.
    required_conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReleaseDay:
    """The practical arrangements for the day he walks out (rulebook §9 #27)."""

    travel_arranged: bool = False  # to the approved premises or his address
    property_ready: bool = False
    money_ready: bool = False  # his private cash, to be returned
    discharge_grant_arranged: bool = False


@dataclass(frozen=True)
class HdcAssessment:
    completed_on: date
    outcome: str = ""  # e.g. ELIGIBLE, UNSUITABLE, EXCLUDED, APPROVED, REFUSED


@dataclass(frozen=True)
class InterventionOffer:
    """A denial-compatible intervention offered to a man maintaining innocence (rulebook §8)."""

    offered_on: date
    intervention: str  # Kaizen, Horizon, one-to-one work...
    outcome: str = ""  # accepted, declined, completed...; empty while undecided
    rationale: str = ""  # the risk-management rationale


@dataclass(frozen=True)
class PathwayProgress:
    pathway: Pathway
    status: PathwayStatus


@dataclass(frozen=True)
class ReleaseOutcome:
    accommodation_on_release: AccommodationCategory  # MI014: the night following release
    recorded_on: date
    settled_at_3_months: AccommodationCategory | None = None  # MI015 follow-up


@dataclass(frozen=True)
class Plan:
    immediate_needs_screen_on: date | None = None  # BCST1 / immediate needs report
    early_allocation: EarlyAllocation | None = None
    handover_tasks: HandoverTasks = field(default_factory=HandoverTasks)
    parole: Parole = field(default_factory=Parole)
    intervention_offers: tuple[InterventionOffer, ...] = ()
    approved_premises: ApprovedPremisesApplication | None = None
    bank_account_applied_on: date | None = None
    id_documents_obtained_on: date | None = None
    duty_to_refer_on: date | None = None  # or a Welsh Application for Assistance
    cas3_referral_on: date | None = None
    accommodation: AccommodationPlan | None = None
    transfer: Transfer | None = None
    planned_transfer: PlannedTransfer | None = None  # from the national transfer plan
    in_reach_plan_on: date | None = None  # staying out of area: in-reach by the home-area COM and CRS
    pre_release_report_on: date | None = None  # resettlement plan / BCST3 review
    pathways: tuple[PathwayProgress, ...] = ()
    licence: Licence | None = None
    day_one_appointment_on: date | None = None  # COM appointment booked for this date
    hdc_assessment: HdcAssessment | None = None
    # The decision-maker's approval to continue HDC with less than 4 weeks to the CRD (licences crdTime.pug).
    hdc_decision_maker_approved_on: date | None = None
    release_day: ReleaseDay = field(default_factory=ReleaseDay)
    outcome: ReleaseOutcome | None = None


@dataclass(frozen=True)
class Case:
    person: Person
    offending: Offending
    dates: Dates = field(default_factory=Dates)
    risk: Risk = field(default_factory=Risk)
    allocations: Allocations = field(default_factory=Allocations)
    plan: Plan = field(default_factory=Plan)

    @property
    def indeterminate(self) -> bool:
        return (
            self.offending.sentence_kind in (SentenceKind.LIFE, SentenceKind.IPP)
            or self.person.legal_status == LegalStatus.INDETERMINATE_SENTENCE
        )

    @property
    def recalled(self) -> bool:
        return self.person.status == CustodyStatus.RECALLED or self.person.legal_status == LegalStatus.RECALL

    @property
    def rosh_high_or_very_high(self) -> bool:
        return self.risk.rosh_level in (RoshLevel.HIGH, RoshLevel.VERY_HIGH)
