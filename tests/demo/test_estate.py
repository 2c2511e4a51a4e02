import re

import pytest

from resettle.demo.estate import build_estate, pdus_served, prison_specs
from resettle.estate.models import Prison, ProbationDeliveryUnit, Region


def test_about_120_prisons_with_unique_valid_codes():
    codes = [spec.code for spec in prison_specs()]
    assert 115 <= len(codes) <= 125
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_national_capacity_and_womens_estate():
    specs = prison_specs()
    assert 88_000 <= sum(spec.operational_capacity for spec in specs) <= 89_000
    assert sum(spec.estate == Prison.Estate.FEMALE for spec in specs) == 12


def test_the_real_codes_named_in_the_brief():
    by_code = {spec.code: spec.name for spec in prison_specs()}
    for code, name in {
        "DAI": "Dartmoor",
        "EXI": "Exeter",
        "BLI": "Bristol",
        "WWI": "Wandsworth",
        "CFI": "Cardiff",
        "WTI": "Whatton",
        "VEI": "The Verne",
        "CWI": "Channings Wood",
    }.items():
        assert name in by_code[code]


def test_dartmoor_is_a_category_c_prison_for_sexual_offences_and_not_a_resettlement_prison():
    dartmoor = next(spec for spec in prison_specs() if spec.code == "DAI")
    assert dartmoor.category == Prison.Category.C
    assert dartmoor.accepts_sexual_offences
    assert not dartmoor.is_resettlement_prison
    assert pdus_served(dartmoor) == ()


@pytest.mark.django_db
def test_built_estate_has_12_regions_and_every_resettlement_prison_serves_a_release_area():
    build_estate()
    assert Region.objects.count() == 12
    assert 60 <= ProbationDeliveryUnit.objects.count() <= 110
    resettlement = Prison.objects.filter(is_resettlement_prison=True)
    assert resettlement.count() >= 70
    assert not resettlement.filter(release_areas_served=None).exists()
    assert not Prison.objects.filter(is_resettlement_prison=False).exclude(release_areas_served=None).exists()
    assert Prison.objects.filter(category=Prison.Category.D, is_resettlement_prison=False).count() == 0
