"""Codes used on a person's record, named as NOMIS, Prisoner Search and CRDS name them."""

from django.db import models


class CustodyStatus(models.TextChoices):
    IN_CUSTODY = "IN_CUSTODY", "In custody"
    RECALLED = "RECALLED", "In custody on recall"
    RELEASED = "RELEASED", "Released"


class LegalStatus(models.TextChoices):
    """Prisoner Search `legalStatus`."""

    SENTENCED = "SENTENCED", "Sentenced"
    RECALL = "RECALL", "Recall"
    INDETERMINATE_SENTENCE = "INDETERMINATE_SENTENCE", "Indeterminate sentence"
    REMAND = "REMAND", "Remand"
    CONVICTED_UNSENTENCED = "CONVICTED_UNSENTENCED", "Convicted, unsentenced"
    IMMIGRATION_DETAINEE = "IMMIGRATION_DETAINEE", "Immigration detainee"
    CIVIL_PRISONER = "CIVIL_PRISONER", "Civil prisoner"
    OTHER = "OTHER", "Other"
    UNKNOWN = "UNKNOWN", "Unknown"


class SentenceCalcType(models.TextChoices):
    """NOMIS `sentence_calc_type`: the code CRDS maps to a calculation model."""

    ADIMP = "ADIMP", "Standard determinate sentence (CJA 2003)"
    ADIMP_ORA = "ADIMP_ORA", "Standard determinate sentence (ORA 2014)"
    YOI = "YOI", "Detention in a young offender institution"
    YOI_ORA = "YOI_ORA", "Detention in a young offender institution (ORA 2014)"
    SEC250 = "SEC250", "Section 250 detention (Sentencing Act 2020)"
    SEC250_ORA = "SEC250_ORA", "Section 250 detention (ORA 2014)"
    SEC91_03 = "SEC91_03", "Section 91 detention (PCC(S)A 2000)"
    SEC91_03_ORA = "SEC91_03_ORA", "Section 91 detention (ORA 2014)"
    EDS18 = "EDS18", "Extended determinate sentence (Sentencing Act 2020 s.279)"
    EDS21 = "EDS21", "Extended determinate sentence (Sentencing Act 2020, 2021)"
    EDSU18 = "EDSU18", "Extended determinate sentence, under 18"
    LASPO_AR = "LASPO_AR", "Extended determinate sentence, automatic release (LASPO)"
    LASPO_DR = "LASPO_DR", "Extended determinate sentence, discretionary release (LASPO)"
    SOPC18 = "SOPC18", "Sentence for offenders of particular concern (s.278)"
    SOPC21 = "SOPC21", "Sentence for offenders of particular concern (2021)"
    SEC236A = "SEC236A", "Sentence for offenders of particular concern (CJA 2003 s.236A)"
    SDOPCU18 = "SDOPCU18", "Special sentence of detention for offenders of particular concern, under 18"
    DTO = "DTO", "Detention and training order"
    DTO_ORA = "DTO_ORA", "Detention and training order (ORA 2014)"
    A_FINE = "A/FINE", "Imprisonment in default of a fine"
    BOTUS = "BOTUS", "Breach of top-up supervision"
    LR = "LR", "Licence recall (standard)"
    LR_ORA = "LR_ORA", "Licence recall (standard, ORA 2014)"
    LR_EDS18 = "LR_EDS18", "Licence recall from an extended sentence (2018)"
    LR_EDS21 = "LR_EDS21", "Licence recall from an extended sentence (2021)"
    LR_SOPC18 = "LR_SOPC18", "Licence recall from a SOPC (2018)"
    LR_SOPC21 = "LR_SOPC21", "Licence recall from a SOPC (2021)"
    FTR = "FTR", "Fixed-term recall (28 days)"
    FTR_ORA = "FTR_ORA", "Fixed-term recall (28 days, ORA 2014)"
    FTR_14_ORA = "14FTR_ORA", "Fixed-term recall (14 days, ORA 2014)"
    FTR_56_ORA = "FTR_56ORA", "Fixed-term recall (56 days, ORA 2014)"
    LIFE = "LIFE", "Life imprisonment"
    MLP = "MLP", "Mandatory life imprisonment"
    ALP = "ALP", "Automatic life imprisonment"
    DLP = "DLP", "Discretionary life imprisonment"
    HMPL = "HMPL", "Detention during His Majesty's pleasure"
    IPP = "IPP", "Imprisonment for public protection"
    DPP = "DPP", "Detention for public protection"


INDETERMINATE_CALC_TYPES = frozenset(
    {
        SentenceCalcType.LIFE,
        SentenceCalcType.MLP,
        SentenceCalcType.ALP,
        SentenceCalcType.DLP,
        SentenceCalcType.HMPL,
        SentenceCalcType.IPP,
        SentenceCalcType.DPP,
    }
)
EXTENDED_CALC_TYPES = frozenset(
    {
        SentenceCalcType.EDS18,
        SentenceCalcType.EDS21,
        SentenceCalcType.EDSU18,
        SentenceCalcType.LASPO_AR,
        SentenceCalcType.LASPO_DR,
        SentenceCalcType.SOPC18,
        SentenceCalcType.SOPC21,
        SentenceCalcType.SEC236A,
        SentenceCalcType.SDOPCU18,
        SentenceCalcType.LR_EDS18,
        SentenceCalcType.LR_EDS21,
        SentenceCalcType.LR_SOPC18,
        SentenceCalcType.LR_SOPC21,
    }
)


class RecallType(models.TextChoices):
    """CRDS `recallType`."""

    STANDARD_RECALL = "STANDARD_RECALL", "Standard recall"
    FIXED_TERM_RECALL_14 = "FIXED_TERM_RECALL_14", "Fixed-term recall, 14 days"
    FIXED_TERM_RECALL_28 = "FIXED_TERM_RECALL_28", "Fixed-term recall, 28 days"
    FIXED_TERM_RECALL_56 = "FIXED_TERM_RECALL_56", "Fixed-term recall, 56 days"


class EarlyReleaseExclusion(models.TextChoices):
    """CRDS `sdsEarlyReleaseExclusions`: offence markers that keep a sentence off SDS40 or the progression model."""

    SEXUAL = "SEXUAL", "Sexual offence"
    VIOLENT = "VIOLENT", "Violent offence"
    DOMESTIC_ABUSE = "DOMESTIC_ABUSE", "Domestic abuse"
    NATIONAL_SECURITY = "NATIONAL_SECURITY", "National security"
    TERRORISM = "TERRORISM", "Terrorism"
    SEXUAL_T3 = "SEXUAL_T3", "Sexual offence (additional exclusion, December 2024)"
    DOMESTIC_ABUSE_T3 = "DOMESTIC_ABUSE_T3", "Domestic abuse (additional exclusion, December 2024)"
    MURDER_T3 = "MURDER_T3", "Murder-linked offence (additional exclusion, December 2024)"
    PROGRESSION_MODEL_SCHEDULE_13_PART_3 = (
        "PROGRESSION_MODEL_SCHEDULE_13_PART_3",
        "Progression model: Schedule 13 Part 3 offence",
    )
    SA2026_PROGRESSION_MODEL_SCHEDULE = (
        "SA2026_PROGRESSION_MODEL_SCHEDULE",
        "Progression model: Sentencing Act 2026 schedule offence",
    )


class AdjustmentType(models.TextChoices):
    """CRDS `AdjustmentType`, plus the kinds it routes to manual calculation."""

    REMAND = "REMAND", "Remand"
    TAGGED_BAIL = "TAGGED_BAIL", "Tagged bail"
    UNLAWFULLY_AT_LARGE = "UNLAWFULLY_AT_LARGE", "Unlawfully at large (UAL)"
    ADDITIONAL_DAYS_AWARDED = "ADDITIONAL_DAYS_AWARDED", "Additional days awarded (ADA)"
    RESTORATION_OF_ADDITIONAL_DAYS_AWARDED = (
        "RESTORATION_OF_ADDITIONAL_DAYS_AWARDED",
        "Restoration of additional days awarded (RADA)",
    )
    RECALL_REMAND = "RECALL_REMAND", "Remand (recall)"
    RECALL_TAGGED_BAIL = "RECALL_TAGGED_BAIL", "Tagged bail (recall)"
    LAWFULLY_AT_LARGE = "LAWFULLY_AT_LARGE", "Lawfully at large"
    SPECIAL_REMISSION = "SPECIAL_REMISSION", "Special remission"
    TIME_SPENT_IN_CUSTODY_ABROAD = "TIME_SPENT_IN_CUSTODY_ABROAD", "Time spent in custody abroad"
    TIME_SPENT_AS_AN_APPEAL_APPLICANT = (
        "TIME_SPENT_AS_AN_APPEAL_APPLICANT",
        "Time spent as an appeal applicant",
    )


class RoshLevel(models.TextChoices):
    """OASys risk of serious harm, as ARNS names it."""

    LOW = "LOW", "Low"
    MEDIUM = "MEDIUM", "Medium"
    HIGH = "HIGH", "High"
    VERY_HIGH = "VERY_HIGH", "Very high"


class MappaCategory(models.IntegerChoices):
    CATEGORY_1 = 1, "Category 1 (registered sexual offender)"
    CATEGORY_2 = 2, "Category 2 (violent and other sexual offenders)"
    CATEGORY_3 = 3, "Category 3 (other dangerous offenders)"


class MappaLevel(models.IntegerChoices):
    """Manage POM Cases' scale: 0 means not relevant, no value means not known."""

    NOT_RELEVANT = 0, "Not relevant"
    LEVEL_1 = 1, "Level 1 (ordinary agency management)"
    LEVEL_2 = 2, "Level 2 (multi-agency management)"
    LEVEL_3 = 3, "Level 3 (multi-agency management, senior)"


class SecurityCategory(models.TextChoices):
    A = "A", "Category A"
    B = "B", "Category B"
    C = "C", "Category C"
    D = "D", "Category D"
