"""Resettlement checks: where he is held, the pre-release report, ID, bank account, housing duties, HDC."""

from ...accommodation import HOUSED, AccommodationCategory
from ...policy import in_words
from ...protection import HdcStatus
from ..case import CLOSED_APPLICATION, Pathway, PathwayStatus, PlannedTransferStatus, TransferStatus
from ..check import ALERT, Check, before, naming, on, recorded, to
from ..facts import Facts, fmt_date
from ..settings import DEFAULT_SETTINGS as POLICY

TRANSFER_NOTICE = in_words(POLICY.resettlement_transfer_days_before_release)

IN_CUSTODY = "men in custody"


def _in_custody(facts: Facts) -> bool:
    return not facts.released


def _held_for_release(facts: Facts):
    """In a resettlement prison serving his release area, transferred to one, or staying with in-reach."""
    case = facts.case
    transfer = case.plan.transfer
    if case.person.in_resettlement_prison_for_release_area:
        return True
    if transfer and transfer.status == TransferStatus.COMPLETED:
        return transfer.due_on or True
    return case.plan.in_reach_plan_on


def _transfer_state(facts: Facts) -> str | None:
    case = facts.case
    area = case.person.release_area or "not recorded"
    if case.person.in_resettlement_prison_for_release_area:
        return f"Held in a resettlement prison serving his release area ({area})."
    transfer = case.plan.transfer
    if transfer is None:
        return (
            f"Held at {case.person.current_prison or 'an unknown prison'}, not a resettlement prison for "
            f"his release area ({area}); no transfer requested and no in-reach plan."
        )
    due = f", due {fmt_date(transfer.due_on)}" if transfer.due_on else ""
    return f"Transfer to {transfer.target_prison} {transfer.status.lower()}{due}."


RESETTLEMENT_PRISON_OR_IN_REACH = Check(
    id="resettlement-prison-or-in-reach",
    title="In a resettlement prison for his release area, or an in-reach plan recorded",
    applies=to(IN_CUSTODY, _in_custody),
    due=before("earliest_release", configured="resettlement_transfer_days_before_release"),
    satisfied_by="person.in_resettlement_prison_for_release_area, plan.transfer or plan.in_reach_plan_on",
    done=_held_for_release,
    severity=ALERT,
    source=f"MoJ resettlement prisons announcement 2013; CRC guidance: {TRANSFER_NOTICE} (rulebook §4.1, §9 #19)",
    explain=_transfer_state,
)


def _out_of_area_without_in_reach(facts: Facts) -> bool:
    case = facts.case
    return (
        not facts.released
        and not case.person.in_resettlement_prison_for_release_area
        and not case.plan.in_reach_plan_on
    )


def _arrives_in_time(facts: Facts):
    """The day he arrives (or arrived) at a resettlement prison, by an agreed move that is in time."""
    due = TRANSFERRED_BY_12_WEEKS.due.due_on(facts)
    planned = facts.case.plan.planned_transfer
    if (
        planned
        and planned.status in AGREED_MOVES
        and planned.arrives_on <= due
        and not _overtaken(facts, planned)
    ):
        return planned.arrives_on
    recorded = facts.case.plan.transfer
    if recorded and recorded.status in (TransferStatus.AGREED, TransferStatus.COMPLETED) and recorded.due_on:
        return recorded.due_on if recorded.due_on <= due else None
    return None


def _planned_state(facts: Facts) -> str | None:
    planned = facts.case.plan.planned_transfer
    if planned is None:
        return "No agreed transfer: see the transfer plan for a proposal or why none can be made."
    due = TRANSFERRED_BY_12_WEEKS.due.due_on(facts)
    if _overtaken(facts, planned):
        return (
            f"Transfer to {planned.target_prison} {planned.status.lower()} for {fmt_date(planned.arrives_on)}, "
            "but not recorded as completed: record the move, or cancel it and ask for a new one."
        )
    late = planned.arrives_on > due
    return (
        f"Transfer to {planned.target_prison} {planned.status.lower()}, arriving {fmt_date(planned.arrives_on)}"
        + (", after the deadline." if late else ".")
    )


def _overtaken(facts: Facts, planned) -> bool:
    """An agreed move whose week of arrival has gone by without it being recorded as completed."""
    return (
        planned.status != PlannedTransferStatus.COMPLETED
        and planned.arrives_on + facts.settings.transfer_arrival_grace < facts.as_of
    )


AGREED_MOVES = (PlannedTransferStatus.ACCEPTED, PlannedTransferStatus.BOOKED, PlannedTransferStatus.COMPLETED)

TRANSFERRED_BY_12_WEEKS = Check(
    id="transferred-by-12-weeks",
    title=f"Transferred to a resettlement prison for his release area by release − {TRANSFER_NOTICE}",
    applies=to("men held out of their release area with no in-reach plan", _out_of_area_without_in_reach),
    due=before("earliest_release", configured="resettlement_transfer_days_before_release"),
    satisfied_by="an accepted, booked or completed transfer (planning.Transfer or plan.transfer) arriving in time",
    done=_arrives_in_time,
    severity=ALERT,
    source=f"National resettlement strategy: moved at least three months / {TRANSFER_NOTICE} before release "
    "(rulebook §4.1, §9 #19); issue 10",
    explain=_planned_state,
)

PRE_RELEASE_REPORT = Check(
    id="pre-release-report",
    title="Pre-release report / resettlement plan (BCST3 review)",
    applies=to(IN_CUSTODY, _in_custody),
    due=before("earliest_release", configured="pre_release_report_days_before_release"),
    satisfied_by="plan.pre_release_report_on",
    done=recorded("plan.pre_release_report_on"),
    severity=ALERT,
    source="Pre-release and Resettlement Policy Framework; Resettlement Passport (rulebook §4.2, §9 #20)",
)


def _pathways_not_started(facts: Facts) -> list[str]:
    started = {p.pathway for p in facts.case.plan.pathways if p.status != PathwayStatus.NOT_STARTED}
    return [pathway.replace("_", " ").lower() for pathway in Pathway if pathway not in started]


RESETTLEMENT_PATHWAYS_ASSESSED = Check(
    id="resettlement-pathways-assessed",
    title="All seven resettlement pathways assessed",
    applies=to(IN_CUSTODY, _in_custody),
    due=before("earliest_release", configured="pre_release_report_days_before_release"),
    satisfied_by="plan.pathways (each with a status other than not started)",
    done=lambda f: not _pathways_not_started(f),
    severity=ALERT,
    source="Resettlement Passport, seven pathways (rulebook §4.2, §9 #20)",
    explain=naming("Not started", _pathways_not_started),
)

BANK_WINDOW = f"{in_words(POLICY.bank_account_window_opens)} to {in_words(POLICY.bank_account_applied_by)}"


def _bank_window_opens(facts: Facts):
    erd = facts.earliest_release
    return erd.on - facts.settings.bank_account_window_opens if erd else None


def _applied_in_window(facts: Facts):
    """Applied for once the window had opened: an application before it opens does not count."""
    applied = facts.case.plan.bank_account_applied_on
    opens = _bank_window_opens(facts)
    return applied if applied and opens and applied >= opens else None


def _bank_window(facts: Facts) -> str | None:
    opens = _bank_window_opens(facts)
    applied = facts.case.plan.bank_account_applied_on
    if opens is None:
        return None
    opening = f"release − {in_words(facts.settings.bank_account_window_opens)}"
    if applied and applied < opens:
        return (
            f"Applied {fmt_date(applied)}, before the window opened on {fmt_date(opens)} "
            f"({opening}): apply again within the window."
        )
    return None if applied else f"The window opens {fmt_date(opens)} ({opening})."


BANK_ACCOUNT_APPLICATION = Check(
    id="bank-account-application",
    title=f"Bank account applied for (window: {BANK_WINDOW} before release)",
    applies=to(IN_CUSTODY, _in_custody),
    due=before("earliest_release", "bank_account_applied_by"),
    satisfied_by="plan.bank_account_applied_on, on or after the window opens",
    done=_applied_in_window,
    severity=ALERT,
    source=f"New Futures Network prisoner ID and banking programmes: {BANK_WINDOW} before release "
    "(rulebook §4.2, §9 #18)",
    explain=_bank_window,
)

ID_DOCUMENTS_OBTAINED = Check(
    id="id-documents-obtained",
    title=f"ID documents obtained (funded in the last {in_words(POLICY.id_documents_funded_within)})",
    applies=to(IN_CUSTODY, _in_custody),
    due=on("earliest_release"),
    satisfied_by="plan.id_documents_obtained_on",
    done=recorded("plan.id_documents_obtained_on"),
    severity=ALERT,
    source="New Futures Network prisoner ID and banking programmes (rulebook §4.2, §9 #21)",
)

# Accommodation that ends the threat of homelessness on release.
SECURE_ACCOMMODATION = frozenset(
    {AccommodationCategory.SETTLED, AccommodationCategory.APPROVED_PREMISES, AccommodationCategory.CAS}
)


def _without_secure_accommodation(facts: Facts) -> bool:
    plan = facts.case.plan.accommodation
    return not (plan and plan.confirmed_on and plan.category in SECURE_ACCOMMODATION) and not facts.released


DUTY_TO_REFER = Check(
    id="duty-to-refer",
    title="Duty to Refer (or Application for Assistance) made",
    applies=to(
        "men in custody without settled, AP or CAS accommodation confirmed", _without_secure_accommodation
    ),
    due=before("earliest_release", "duty_to_refer_days_before_release"),
    satisfied_by="plan.duty_to_refer_on",
    done=recorded("plan.duty_to_refer_on"),
    severity=ALERT,
    source="Housing Act 1996 s.175(4), s.213B (rulebook §4.3, §9 #22)",
)


def _homeless_without_ap(facts: Facts) -> bool:
    plan = facts.case.plan
    ap = plan.approved_premises
    return (
        _without_secure_accommodation(facts)
        and (plan.accommodation is None or plan.accommodation.category not in HOUSED)
        and (ap is None or ap.status in CLOSED_APPLICATION)
    )


CAS3_REFERRAL = Check(
    id="cas3-referral",
    title="CAS3 temporary accommodation referral",
    applies=to(
        "men with no accommodation confirmed and no approved-premises application", _homeless_without_ap
    ),
    due=before("expected_release", configured="cas3_referral_days_before_release"),
    satisfied_by="plan.cas3_referral_on",
    done=recorded("plan.cas3_referral_on"),
    severity=ALERT,
    source="hmpps-temporary-accommodation-ui: release within "
    f"{in_words(POLICY.cas3_release_within)}, DTR required (rulebook §5, §9 #23)",
    explain=lambda f: (
        None if f.case.plan.duty_to_refer_on else "CAS3 needs a Duty to Refer to have been made."
    ),
)


def _hdc_not_applicable(facts: Facts) -> str:
    if facts.hdc.excluded:
        # The exclusion is decided before any date (rules.protection.hdc_exclusion): say so, not "no HDCED".
        return (
            "confirmed excluded from HDC by statute, whatever his dates, so no assessment is made: "
            + "; ".join(facts.hdc.because)
        )
    return "; ".join(facts.hdc.because)


def _hdc_candidate(facts: Facts) -> bool:
    return facts.hdc.status in (HdcStatus.ELIGIBLE, HdcStatus.PRESUMED_UNSUITABLE) and not facts.released


HDC_ASSESSMENT = Check(
    id="hdc-assessment",
    title="HDC eligibility and suitability assessed",
    applies=to("men eligible for HDC", _hdc_candidate, why_not=_hdc_not_applicable),
    due=before("hdced", configured="hdc_assessment_before_hdced"),
    satisfied_by="plan.hdc_assessment.completed_on",
    done=recorded("plan.hdc_assessment.completed_on"),
    severity=ALERT,
    source="licences eligibility rules; CRDS HdcedCalculator (rulebook §6.4, §9 #24)",
    explain=lambda f: (
        "; ".join(f.hdc.because) + "." if f.hdc.status == HdcStatus.PRESUMED_UNSUITABLE else None
    ),
)

HDC_CONCLUDED = frozenset({"UNSUITABLE", "EXCLUDED", "REFUSED"})
DECISION_MAKER_NOTICE = in_words(POLICY.hdc_decision_maker_before_crd)


def _hdc_runs_into_the_decision_makers_weeks(facts: Facts) -> bool:
    """HDC still open for him and, by the HDCED or by today, less time left before the CRD than the
    decision-maker's notice."""
    crd, hdced = facts.key_date("crd"), facts.key_date("hdced")
    assessment = facts.case.plan.hdc_assessment
    if not _hdc_candidate(facts) or crd is None or hdced is None:
        return False
    if assessment and assessment.outcome in HDC_CONCLUDED:
        return False
    cut_off = crd - facts.settings.hdc_decision_maker_before_crd
    return hdced > cut_off or facts.as_of > cut_off


HDC_DECISION_MAKER_APPROVAL = Check(
    id="hdc-decision-maker-approval",
    title=f"Decision-maker approved continuing HDC with less than {DECISION_MAKER_NOTICE} to the CRD",
    applies=to(
        f"men eligible for HDC whose HDC runs into the last {DECISION_MAKER_NOTICE} before the CRD",
        _hdc_runs_into_the_decision_makers_weeks,
    ),
    due=before("crd", "hdc_decision_maker_before_crd"),
    satisfied_by="plan.hdc_decision_maker_approved_on",
    done=recorded("plan.hdc_decision_maker_approved_on"),
    severity=ALERT,
    source=f"licences crdTime.pug: less than {DECISION_MAKER_NOTICE} to the CRD, the decision-maker must approve continuing "
    "(rulebook §6.4, §9 #24)",
)

CHECKS = (
    RESETTLEMENT_PRISON_OR_IN_REACH,
    TRANSFERRED_BY_12_WEEKS,
    PRE_RELEASE_REPORT,
    RESETTLEMENT_PATHWAYS_ASSESSED,
    BANK_ACCOUNT_APPLICATION,
    ID_DOCUMENTS_OBTAINED,
    DUTY_TO_REFER,
    CAS3_REFERRAL,
    HDC_ASSESSMENT,
    HDC_DECISION_MAKER_APPROVAL,
)
