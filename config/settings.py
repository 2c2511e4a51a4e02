"""Django settings for Resettle.

Everything comes from the environment (12-factor). The defaults are safe for production: DEBUG is off,
a secret key must be given, and cookies are secure. `make run` sets DEBUG for the local demo.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without DEBUG there is no default: Django refuses to sign anything with an empty key, and the web
# server (config/wsgi.py) refuses to start, while offline commands such as `resettle crd-conformance` run.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "resettle.core",
    "resettle.accounts",
    "resettle.audit",
    "resettle.estate",
    "resettle.people",
    "resettle.staff",
    "resettle.plans",
    "resettle.planning",
    "resettle.projections",
    "resettle.reports",
    "resettle.demo",
    "resettle.interop",
    "resettle.api",
]

MIDDLEWARE = [
    # First, so that every later line of the request's logs carries its id.
    "resettle.core.request_log.RequestLogMiddleware",
    # API errors are problem details in every mode, DEBUG's debug pages included.
    "resettle.core.errors.ApiProblemsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "resettle.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every page's refusal a GOV.UK page, DEBUG's debug pages included; inside the security headers,
    # which it is sent with, and outside everything that can refuse (CommonMiddleware's unknown host).
    "resettle.core.errors.ErrorPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "resettle.accounts.idle.IdleTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the form: a form too large to read is refused with a page.
    "resettle.core.errors.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's, reading the session's authenticator with his roles (resettle.accounts.principal).
    "resettle.accounts.principal.OTPMiddleware",
    # An API token signs its request in as its user, before the audit context and the access gate read him.
    "resettle.api.tokens.ApiTokenMiddleware",
    "resettle.audit.recorder.AuditContextMiddleware",
    # Every view's access rule, sign-in and second factor: the one gate (resettle.accounts.access).
    "resettle.accounts.middleware.AccessPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "resettle.accounts.navigation.service",
            ],
        },
    },
]

DATA_DIR = Path(os.environ.get("RESETTLE_DATA_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'resettle.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while a demo load or refresh writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Argon2id for every new or changed password; older hashes still verify and are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# django-axes first, so that a locked-out user is refused before his password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
# Lock the username, wherever the attempts come from. Not the address as well: a whole prison's staff
# share one network address, and one person's typing would lock them all out (hence axes.W006 silenced).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Two-factor sign-in (TOTP) for everyone who signs in. Only the local demo (`make run`) turns it off.
RESETTLE_REQUIRE_TWO_FACTOR = env_bool("RESETTLE_REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "Resettle (HMPPS)"
# The admin site never shows an authenticator's key or QR code: with them, an administrator could make
# himself a copy of a user's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# Files kept for a while (uploads waiting for their import job); never served. Web and worker processes
# must share it: on more than one machine, a shared volume or an object-store backend in STORAGES.
MEDIA_ROOT = DATA_DIR / "files"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The GOV.UK and MoJ Frontend assets are built by `npm run build` into this folder.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "resettle.core.static_files.HashedGzippedStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form sent without its token gets the service's page saying what to do (resettle.core.errors).
CSRF_FAILURE_VIEW = "resettle.core.errors.csrf_failure"
# A session ends after this long without a request and when the browser closes; requests renew it at most
# once a minute (resettle.accounts.idle).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS only in production; the local demo, the tests and the benchmark serve plain HTTP on localhost.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer's health probes speak plain HTTP to the process behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: only this site's own scripts, styles, images and fonts; no inline script or
# style anywhere (the templates have none), no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The key of the audit trail's entry digests (resettle.audit.chain). Changing it makes every earlier
# digest fail verification: set it once, apart from SECRET_KEY, and keep it.
RESETTLE_AUDIT_KEY = os.environ.get("RESETTLE_AUDIT_KEY", "") or SECRET_KEY
# Seconds from an audit entry's commit to its sealing into the chain by the process that wrote it
# (resettle.audit.sealing): until then its deletion cannot be seen. "off" leaves it to `audit seal`.
_seal_after = os.environ.get("RESETTLE_AUDIT_SEAL_SECONDS", "2")
RESETTLE_AUDIT_SEAL_SECONDS = None if _seal_after == "off" else float(_seal_after)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)

# Logs go to standard error, one JSON object a line (LOG_FORMAT=json, the default without DEBUG) for the
# platform's log collector, or as plain text; each line carries its request's id (resettle.core.request_log).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "resettle.core.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # One line per request, whatever the level of the rest.
    "loggers": {"resettle.requests": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")}},
}

# The date Resettle treats as "today". Only the demo and tests set it, so that a demo estate generated
# for one day still reads sensibly; production leaves it unset and uses the real date.
RESETTLE_TODAY = os.environ.get("RESETTLE_TODAY", "")

# Processes that refresh an import's men beside it (resettle.plans.refreshing): one per core by default.
RESETTLE_REFRESH_PROCESSES = int(os.environ.get("RESETTLE_REFRESH_PROCESSES", str(os.cpu_count() or 1)))

CASELOAD_PAGE_SIZE = 50

# The rules release dates are calculated under. Unset, they are what the MoJ's calculator runs in
# production: the `sds-progression-model-october` profile with the production feature toggles.
RESETTLE_CALCULATION_PROFILE = os.environ.get("RESETTLE_CALCULATION_PROFILE", "sds-progression-model-october")
RESETTLE_CALCULATION_TOGGLES = (
    env_list("RESETTLE_CALCULATION_TOGGLES", "") if "RESETTLE_CALCULATION_TOGGLES" in os.environ else None
)

# The REST API (resettle.api): who is asking is settled by the access gate (token or session); DRF only
# reads it. Errors are RFC 9457 problem details.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "resettle.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["resettle.api.parsers.DepthLimitedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "resettle.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "resettle.api.errors.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resettle API",
    "DESCRIPTION": (
        "Release dates, release readiness and release plans of people in prison in England and Wales. "
        "Send an API token as `Authorization: Bearer <token>`, or use a signed-in session. You see and change "
        "exactly the people the screens let you see and change. Errors are RFC 9457 problem details."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation page's scripts and styles are served from here, not a CDN, within the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MappaCategory": "resettle.people.vocabulary.MappaCategory",
        "MappaLevel": "resettle.people.vocabulary.MappaLevel",
        "PathwayStatus": "resettle.plans.models.PathwayStatus",
        "AccommodationCategory": "resettle.plans.models.AccommodationCategory",
        "PrisonCategory": "resettle.estate.models.Prison.Category",
        "SecurityCategory": "resettle.people.vocabulary.SecurityCategory",
        "ApplicationStatus": "resettle.plans.models.ApplicationStatus",
        "TransferStatus": "resettle.plans.models.TransferStatus",
        "PlannedTransferStatus": "resettle.planning.models.TransferStatus",
        "UnplacedReason": "resettle.planning.models.UnplacedReason",
        "CustodyStatus": "resettle.people.vocabulary.CustodyStatus",
        "LicenceCondition": "resettle.plans.models.LicenceCondition",
    },
}

# Pages many people read and few change (a prison's dashboard, worklists and caseload, a man's record) are
# kept for a minute (resettle.core.shared). Each process keeps its own, the last couple of thousand read,
# unless CACHE_URL names a Redis they share (production: the broker's Redis, another database number), so
# that a change in one makes them obsolete for all.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
}
# Sessions are read from that cache, and written through to the database, only when every process shares
# it: from each process's own memory, a session signed out in one would stay alive in the others.
SESSION_ENGINE = f"django.contrib.sessions.backends.{'cached_db' if CACHE_URL else 'db'}"

# The service's own address, for links in emails sent by background jobs (the daily digest).
RESETTLE_BASE_URL = os.environ.get("RESETTLE_BASE_URL", "")

# Background jobs (resettle.core.jobs) on Celery. With no broker configured, as in `make run` and the
# tests, every job runs eagerly, in the process that queues it; production names its Redis here.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True  # a job's outcome is kept on its row (resettle.core.models.Job)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # jobs are long: one at a time per worker process
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "seal the audit trail": {
        "task": "resettle.core.tasks.scheduled_command",
        "schedule": 60.0,
        "args": ["audit", "seal"],
    },
    "recalculate dates and readiness": {
        "task": "resettle.core.tasks.scheduled_command",
        "schedule": crontab(hour=1, minute=30),
        "args": ["refresh"],
    },
    "plan transfers": {
        "task": "resettle.core.tasks.scheduled_command",
        "schedule": crontab(hour=3, minute=0),
        "args": ["transfers", "plan"],
    },
    "project releases and workload": {
        "task": "resettle.core.tasks.scheduled_command",
        "schedule": crontab(hour=4, minute=0, day_of_week="sunday"),
        "args": ["project"],
    },
    "take the month's report snapshot": {
        "task": "resettle.core.tasks.scheduled_command",
        "schedule": crontab(hour=5, minute=0, day_of_month=1),
        "args": ["report", "--snapshot"],
    },
    "send the daily digest": {
        "task": "resettle.core.tasks.scheduled_command",
        "schedule": crontab(hour=6, minute=30),
        "args": ["digest", *(["--base-url", RESETTLE_BASE_URL] if RESETTLE_BASE_URL else [])],
    },
}
