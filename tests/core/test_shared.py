"""Shared reads (resettle.core.shared): what a kept page holds and when its rows are read."""

import pickle

from resettle.core.shared import KeptRows, prison_numbers


class Row:
    def __init__(self, number: str):
        self.prison_number = number

    def __eq__(self, other) -> bool:
        return isinstance(other, Row) and other.prison_number == self.prison_number


def number_of(row: Row) -> str:
    return row.prison_number


def test_a_kept_page_gives_its_length_and_mens_numbers_without_its_rows():
    kept = pickle.loads(pickle.dumps(KeptRows([Row("A1111AA"), Row("B2222BB")], ["A1111AA", "B2222BB"])))

    assert len(kept) == 2 and kept
    assert prison_numbers(kept, number_of) == ["A1111AA", "B2222BB"]
    assert kept._rows is None  # still pickled: the table that shows them may be kept drawn
    assert list(kept) == [Row("A1111AA"), Row("B2222BB")]


def test_a_kept_page_read_and_kept_again_holds_the_same_rows():
    once = pickle.loads(pickle.dumps(KeptRows([Row("A1111AA")], ["A1111AA"])))
    twice = pickle.loads(pickle.dumps(once))

    assert list(twice) == [Row("A1111AA")] and twice.prison_numbers == ["A1111AA"]


def test_a_pages_numbers_read_from_its_rows_name_each_man_once_in_order():
    rows = [Row("B2222BB"), Row("A1111AA"), Row("B2222BB")]

    assert prison_numbers(rows, number_of) == ["B2222BB", "A1111AA"]
