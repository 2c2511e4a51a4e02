"""The readiness catalogue: every rulebook §9 check for an adult male prison, grouped by area."""

from . import custody, handover, protection, release, resettlement

CATALOGUE = (*custody.CHECKS, *protection.CHECKS, *handover.CHECKS, *resettlement.CHECKS, *release.CHECKS)
BY_ID = {check.id: check for check in CATALOGUE}
assert len(BY_ID) == len(CATALOGUE), "check ids must be unique"
