"""Early-release schemes that commence in tranches: SDS40 (September/October 2024, SI 2024/844) and the
2026 progression model. Each is a `Scheme` layered over the rules before it.

A sentence already being served when a scheme commences cannot be released before its tranche date: if the
new fraction gives a date before the tranche but the old one does not, the date becomes the tranche date
(CRDS `SDS40EarlyReleaseDefaultingRulesService`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .durations import plus_years
from .legislation import EarlyRelease, Profile, Toggles, Tranche
from .multipliers import Multiplier
from .tracks import Identified, Track

SDS40_EXCLUSIONS = frozenset({"SEXUAL", "VIOLENT", "DOMESTIC_ABUSE", "NATIONAL_SECURITY", "TERRORISM"})
SDS40_ADDITIONAL_EXCLUSIONS = frozenset({"SEXUAL_T3", "DOMESTIC_ABUSE_T3", "MURDER_T3"})
# Schedule 13 Part 3 offences never move to the progression model; the Sentencing Act 2026 schedule only
# when its exclusion is switched on (toggle `progressionModelScheduleExclusionEnabled`).
PROGRESSION_MODEL_EXCLUDED = frozenset({"PROGRESSION_MODEL_SCHEDULE_13_PART_3"})
PROGRESSION_MODEL_SCHEDULE = frozenset({"SA2026_PROGRESSION_MODEL_SCHEDULE"})


@dataclass(frozen=True)
class Scheme:
    legislation: EarlyRelease
    is_progression_model: bool
    additional_exclusions_from: date | None = None
    schedule_exclusions: bool = False
    reverts: frozenset[str] = frozenset()  # markers this scheme takes back out of an earlier one

    @property
    def commencement(self) -> date:
        return self.legislation.commencement

    @property
    def is_sds40(self) -> bool:
        """SDS40 itself, not its additional exclusions nor the progression model."""
        return not self.is_progression_model and not self.reverts

    def applies_to(self, part: Identified) -> bool:
        sentence = part.sentence
        exclusions = sentence.release_arrangements.early_release_exclusions
        if part.track not in (Track.SDS, Track.SDS_PLUS):
            return False
        if self.reverts:
            return (
                part.track is Track.SDS
                and bool(exclusions & self.reverts)
                and not exclusions & SDS40_EXCLUSIONS
            )
        if self.is_progression_model:
            arrangements = sentence.release_arrangements
            would_be_sds_plus = not arrangements.is_sds_plus and arrangements.is_sds_plus_eligible
            if arrangements.is_section_250 or part.is_recall or would_be_sds_plus:
                return False
            if exclusions & PROGRESSION_MODEL_EXCLUDED:
                return False
            return not (self.schedule_exclusions and exclusions & PROGRESSION_MODEL_SCHEDULE)
        if part.track is Track.SDS_PLUS or exclusions & SDS40_EXCLUSIONS:
            return False
        return not (
            self.additional_exclusions_from
            and sentence.sentenced_at >= self.additional_exclusions_from
            and exclusions & SDS40_ADDITIONAL_EXCLUSIONS
        )

    def multiplier(self, part: Identified) -> Multiplier | None:
        if not self.applies_to(part):
            return None
        if part.track is Track.SDS_PLUS:
            return self.legislation.sds_plus
        return self.legislation.sds

    def allocate(self, lengths: Iterable[tuple[date, int]]) -> Tranche | None:
        """The tranche for a booking, from the (sentence date, days) of each relevant sentence or chain."""
        lengths = list(lengths)
        if not lengths:
            return None
        for tranche in self.legislation.tranches:
            if tranche.is_final:
                return tranche
            if tranche.years_less_than is not None and all(
                days < (plus_years(start, tranche.years_less_than) - start).days for start, days in lengths
            ):
                return tranche
            if tranche.max_days is not None and all(days <= tranche.max_days for _, days in lengths):
                return tranche
        return self.legislation.tranches[-1]


def schemes(profile: Profile, toggles: Toggles) -> list[Scheme]:
    """The schemes in force, oldest first. From 16 December 2024 sexual, domestic-abuse and murder-related
    offences (the "tranche 3" markers) go back to release at one half, even for sentences already being
    served (SI 2024/1165)."""
    found = [
        Scheme(profile.sds40, False, additional_exclusions_from=profile.sds40_additional_exclusions_from),
        Scheme(
            EarlyRelease(
                "SDS40 additional exclusions",
                profile.default_sds,
                profile.default_sds_plus,
                (Tranche("TRANCHE_3", profile.sds40_additional_exclusions_from),),
            ),
            False,
            reverts=SDS40_ADDITIONAL_EXCLUSIONS,
        ),
    ]
    if profile.progression_model:
        found.append(
            Scheme(
                profile.progression_model,
                True,
                schedule_exclusions=toggles.progressionModelScheduleExclusionEnabled,
            )
        )
    return found


def default(
    before: date | None, after: date | None, tranche_date: date, keep_new_only: bool = False
) -> date | None:
    """The date for a sentence already being served when the scheme commences on `tranche_date`.
    With `keep_new_only` (SDS40's final merge), a date the old rules did not give is kept as the new
    rules give it (hard cases §9.7); the progression model defaults it to the tranche date (§9.8)."""
    if before is not None and before < tranche_date:
        return before
    if after is None or (before is None and keep_new_only):
        return after
    return max(after, tranche_date)
