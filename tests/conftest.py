import os

import pytest
from hypothesis import HealthCheck, settings

# Bounded for CI so the suite stays fast; `HYPOTHESIS_PROFILE=thorough` explores further locally.
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached: a test's rows are rolled back, and their ids reused."""
    from django.core.cache import cache

    cache.clear()
    yield
