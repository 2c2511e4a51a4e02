"""Issue 18 §8: what `resettle demo` prints says what its counts mean and why most prisons are empty."""

from collections import Counter

from resettle.demo import explained


def test_each_count_of_the_release_date_placing_is_printed_with_its_meaning():
    lines = explained.engine_lines(Counter({"on target": 1313, "off target": 51, "refused": 22}))

    assert "  1,313 on target: men whose release, as the release-date engine calculates it" in lines[1]
    assert lines[2].startswith("     51 off target: men whose release the engine puts a few days from")
    assert (
        "refused: bookings the engine cannot calculate" in lines[3]
        and "keep the demo's own dates" in lines[3]
    )
    assert [line.split(":")[0].split()[-1] for line in lines[1:]] == [
        "target",
        "target",
        "refused",
        "reflected",
        "runs",
    ]


def test_the_prison_scale_names_its_prisons_and_says_how_to_fill_the_rest():
    lines = explained.scale_lines(
        "prison", peopled=["HMP Dartmoor", "HMP Exeter", "HMP Channings Wood"], prisons=120
    )

    assert lines[0].startswith(
        "People are in 3 of the 120 prisons only: HMP Dartmoor, HMP Exeter and HMP Channings Wood"
    )
    assert "hold no one's record" in lines[0]
    assert lines[1].endswith("resettle demo --scale national --replace")


def test_the_national_scale_says_every_prison_is_filled():
    assert explained.scale_lines("national", peopled=["HMP Dartmoor"] * 120, prisons=120) == [
        "People are in all 120 prisons (the national scale)."
    ]
