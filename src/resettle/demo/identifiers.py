"""Identifiers that look like the real ones: NOMIS prison and booking numbers, PNC ids and nDelius CRNs."""

import random
import string
from datetime import date

# The PNC check character is the year-and-serial number modulo 23, indexed into this alphabet.
PNC_CHECK = "ZABCDEFGHJKLMNPQRTUVWXY"


class Identifiers:
    """Hands out unique identifiers for one load; the sequence depends only on the random stream."""

    def __init__(self, rng: random.Random, first_booking: int = 1_200_000):
        self.rng = rng
        self.prison_numbers: set[str] = set()
        self.crns: set[str] = set()
        self.pncs: set[str] = set()
        self.next_booking = first_booking

    def prison_number(self, received: date) -> str:
        # NOMIS moved from A-series to G-series numbers around 2012; older lifers keep their A number.
        series = "A" if received.year < 2012 else self.rng.choice("GGGH")
        while True:
            number = (
                f"{series}{self.rng.randrange(10000):04d}"
                f"{self.rng.choice(string.ascii_uppercase)}{self.rng.choice(string.ascii_uppercase)}"
            )
            if number not in self.prison_numbers:
                self.prison_numbers.add(number)
                return number

    def pnc(self, first_arrest_year: int) -> str:
        while True:
            serial = self.rng.randrange(1, 10_000_000)
            check = PNC_CHECK[int(f"{first_arrest_year % 100:02d}{serial:07d}") % 23]
            pnc = f"{first_arrest_year}/{serial:07d}{check}"
            if pnc not in self.pncs:
                self.pncs.add(pnc)
                return pnc

    def crn(self) -> str:
        while True:
            crn = f"{self.rng.choice('ABCDEFGHJKLMNPRSTUVWX')}{self.rng.randrange(100000, 1000000)}"
            if crn not in self.crns:
                self.crns.add(crn)
                return crn

    def booking(self) -> tuple[str, str]:
        """A booking id and the book number printed on the prisoner's record."""
        self.next_booking += self.rng.randint(1, 7)
        return str(self.next_booking), f"{self.next_booking % 100000:05d}{self.rng.choice('ABCDE')}"
