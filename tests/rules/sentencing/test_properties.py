"""Properties every calculation must keep, whatever the sentence (Hypothesis)."""

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from resettle.rules.sentencing import Refused

from .builders import booking, remand, run, sentence

sentence_dates = st.dates(min_value=date(2015, 6, 1), max_value=date(2030, 12, 31))
lengths = st.fixed_dictionaries({"months": st.integers(0, 120), "days": st.integers(0, 60)}).filter(
    lambda d: d["months"] or d["days"] > 1
)
profiles = st.sampled_from(["sds-50", "calculation-params", "sds-progression-model-october"])


def _sds(day: date, length: dict, **fields):
    return sentence(day.isoformat(), **length, **fields)


def _release(result):
    return result.dates.get("CRD") or result.dates.get("ARD")


def _expiry(result):
    return result.dates.get("SLED") or result.dates.get("SED")


@given(sentence_dates, lengths, profiles)
def test_release_never_after_expiry(day, length, profile):
    result = run(booking(_sds(day, length)), profile)
    assert _release(result) <= _expiry(result)
    for kind in ("HDCED", "PED", "ERSED"):
        if kind in result.dates:
            assert result.dates[kind] <= _release(result)


@given(sentence_dates, lengths, st.integers(0, 2000), profiles)
def test_remand_never_moves_release_before_the_sentence_date(day, length, days, profile):
    """Released on the day of sentence at the earliest; remand reaching further back is refused."""
    raw = booking(_sds(day, length), adjustments=remand(days, day.isoformat()))
    try:
        result = run(raw, profile)
    except Refused as refused:
        assert refused.code == "RELEASE_DATE_BEFORE_SENTENCE_DATE"
        return
    assert _release(result) >= day


@given(sentence_dates, lengths, st.integers(1, 24), profiles)
def test_a_longer_sentence_never_gives_an_earlier_release(day, length, extra_months, profile):
    shorter = run(booking(_sds(day, length)), profile)
    longer = run(booking(_sds(day, {**length, "months": length["months"] + extra_months})), profile)
    assert _release(longer) >= _release(shorter)


@given(sentence_dates, lengths, lengths, profiles)
def test_consecutive_release_never_before_concurrent(day, first, second, profile):
    assume((first["months"] or first["days"]) and (second["months"] or second["days"]))
    concurrent = _calculated(booking(_sds(day, first, identifier="a"), _sds(day, second)), profile)
    consecutive = _calculated(
        booking(_sds(day, first, identifier="a"), _sds(day, second, consecutiveSentenceUUIDs=["a"])), profile
    )
    assert _release(consecutive) >= _release(concurrent)
    assert _expiry(consecutive) >= _expiry(concurrent)


@given(sentence_dates, lengths)
def test_release_is_within_the_sentence(day, length):
    result = run(booking(_sds(day, length)))
    assert day <= _release(result) <= day + timedelta(days=length["months"] * 31 + length["days"])


def _calculated(raw, profile):
    """`run`, setting aside the one refusal the rules force on plain bookings: with the repeal rules off, a
    very long sentence's HDCED from before the progression model is not before its release under it
    (hard cases §5.6)."""
    try:
        return run(raw, profile)
    except Refused as refused:
        assume(refused.code != "HDCED_NOT_BEFORE_PROGRESSION_MODEL_RELEASE")
        raise


def _outcome(raw, profile):
    """The dates, or the refusal's code: what a reordering or more remand may not change for the worse."""
    try:
        return run(raw, profile).dates
    except Refused as refused:
        return refused.code


@given(sentence_dates, lengths, st.integers(0, 400), st.integers(1, 200), profiles)
def test_more_remand_never_makes_a_date_later(day, length, days, more, profile):
    """Issue 13 §2: remand is time served, CJA 2003 s.240ZA: adding days of it may bring a date forward
    or leave it, never push it back (a release it would put before the sentence date is refused)."""
    less = _outcome(booking(_sds(day, length), adjustments=remand(days, day.isoformat())), profile)
    extra = _outcome(booking(_sds(day, length), adjustments=remand(days + more, day.isoformat())), profile)
    assume(isinstance(less, dict) and isinstance(extra, dict))
    for kind in ("CRD", "ARD", "HDCED", "PED", "ERSED"):
        if kind in less and kind in extra:
            assert extra[kind] <= less[kind], kind


@given(sentence_dates, lengths, lengths, profiles)
def test_a_consecutive_chains_licence_never_ends_before_any_parts(day, first, second, profile):
    """Issue 13 §2: a chain is served as one term (CJA 2003 s.264): its SLED is at least each part's
    served alone from the same day."""
    chain = _calculated(
        booking(_sds(day, first, identifier="a"), _sds(day, second, consecutiveSentenceUUIDs=["a"])), profile
    )
    for part in (first, second):
        alone = _calculated(booking(_sds(day, part)), profile)
        assert _expiry(chain) >= _expiry(alone)


@given(sentence_dates, lengths, lengths, st.integers(0, 900), profiles)
def test_the_answer_does_not_depend_on_the_order_the_sentences_are_given(day, first, second, gap, profile):
    """Issue 13 §2: the same booking with its sentences listed the other way gives the same dates, or the
    same refusal."""
    later = day + timedelta(days=gap)
    one, two = _sds(day, first, identifier="a"), _sds(later, second, identifier="b")
    assert _outcome(booking(one, two), profile) == _outcome(booking(two, one), profile)
