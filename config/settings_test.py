"""Settings for the test suite: the production settings with test-only secrets and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-real-use")
os.environ.setdefault("SECURE_COOKIES", "false")
# The test client and the browser tests' live server speak plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .settings import *  # noqa: E402,F403

# Hashing cost only slows the suite down; what matters here is that a password round-trips.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests run without collectstatic: serve the built assets straight from build/static.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(  # noqa: F405
    parents=True, exist_ok=True
)  # WhiteNoise warns on every request otherwise

# Entries are sealed by the tests that mean to (tests/security/test_audit.py), not by a timer thread
# reaching into a test's database.
RESETTLE_AUDIT_SEAL_SECONDS = None

# Background jobs run eagerly, in the test's own process and database. Only the processes the
# many-process test starts are given a broker (tests/core/test_many_processes.py).
CELERY_BROKER_URL = os.environ.get("RESETTLE_TEST_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("RESETTLE_TEST_QUEUE", "celery")

# Imports refresh their men in the test's own process (a test's transaction is seen by no other);
# tests/plans/test_refreshing.py gives it processes of its own where it means to.
RESETTLE_REFRESH_PROCESSES = 0
