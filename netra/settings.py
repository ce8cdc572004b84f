"""Django settings for Netra, read from the environment.

Every deployment knob is an environment variable documented in `.env.example`. Defaults give a
safe local setup (SQLite under ./var, tasks in-process); production must set SECRET_KEY,
ALLOWED_HOSTS and NETRA_IDENTITY_KEYS explicitly, and DEBUG stays off unless asked for.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NETRA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean strictly: a typo such as DEBUG=ture must fail loudly, not silently mean False."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true/false (1/0), not {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("NETRA_TESTING", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "netra-insecure-development-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example)")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Without SITE_URL, links shown or printed while serving a request (QR codes) use the request's own
# address, so a demo on another port or host still prints working links.
SITE_URL_CONFIGURED = bool(os.environ.get("SITE_URL"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "csp",
    "axes",
    "netra.core",
    "netra.accounts",
    "netra.registry",
    "netra.rules",
    "netra.cases",
    "netra.monitoring",
    "netra.learning",
    "netra.duty",
    "netra.public",
    "netra.desk",
    "netra.api",
    "netra.notifications",
    "netra.demo",
]

MIDDLEWARE = [
    # First, so a request that waited too long is refused before any other work (503 + Retry-After).
    "netra.core.overload.LoadSheddingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise serves hashed, compressed static files from the same process, without DEBUG.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netra.urls"
WSGI_APPLICATION = "netra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "netra" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "netra.core.context_processors.netra",
                "netra.rules.context_processors.stages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'netra.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Django's backend, creating the database file 0600 (netra/core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "netra.core.sqlite"
    # WAL and a busy timeout keep the embedded database usable with a web process and a worker.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing strength is not under test; fast hashing keeps the suite quick on two cores.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Login throttling (django-axes): after NETRA_LOGIN_FAILURE_LIMIT wrong passwords for one account, or
# from one client address, further attempts are refused for NETRA_LOGIN_COOLOFF_MINUTES (an admin can
# unlock earlier in the admin, "Access attempts", or with `netra axes_reset_username <name>`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NETRA_LOGIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = float(os.environ.get("NETRA_LOGIN_COOLOFF_MINUTES", 30)) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "netra.core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "netra.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "public:home"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "netra" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Makassar"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "netra" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Sealed originals of evidence never sit under a URL: only staff views stream them after a check.
EVIDENCE_ROOT = Path(os.environ.get("NETRA_EVIDENCE_ROOT", VAR_DIR / "evidence"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Sealed originals and staff copies: readable by the service user only.
        "OPTIONS": {"location": str(EVIDENCE_ROOT), "base_url": None,
                    "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not (DEBUG or TESTING):
    # Production: `netra collectstatic` writes content-hashed names and gzip copies that
    # WhiteNoise serves with far-future cache headers; `netra serve` refuses to start without them.
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# Longest monitoring post accepted (API and upload page): a post longer than any platform allows
# (Facebook's 63,206 characters is the longest) is refused as a row error.
NETRA_MAX_POST_CHARS = int(os.environ.get("NETRA_MAX_POST_CHARS", "64000"))

# Evidence limits: a report may carry several files; each is checked by content, not by name.
NETRA_EVIDENCE_MAX_BYTES = int(os.environ.get("NETRA_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))
NETRA_EVIDENCE_MAX_FILES = int(os.environ.get("NETRA_EVIDENCE_MAX_FILES", 5))
# Images declaring more pixels than this are refused from their header, before decoding (a small file can
# decompress to gigabytes). 50 MP keeps a 48 MP phone photo and bounds one decode to about 200 MB.
NETRA_EVIDENCE_MAX_PIXELS = int(os.environ.get("NETRA_EVIDENCE_MAX_PIXELS", 50_000_000))

# Identity of reporters is encrypted at rest with these Fernet keys; the first encrypts, all
# decrypt, so a key can be rotated by putting the new one first and running `netra rotate_identity_keys`.
NETRA_IDENTITY_KEYS = env_list("NETRA_IDENTITY_KEYS")
if not NETRA_IDENTITY_KEYS and not (DEBUG or TESTING):
    raise ImproperlyConfigured("NETRA_IDENTITY_KEYS must be set when DEBUG is off (see .env.example)")

# /healthz fails when the evidence disk has less free space than this (MB).
NETRA_HEALTH_MIN_FREE_MB = int(os.environ.get("NETRA_HEALTH_MIN_FREE_MB", "500"))

# Legal clock. Values marked UNCONFIRMED in docs/regulations are settings, not code.
NETRA_DEADLINES = {
    "report_window_days": int(os.environ.get("NETRA_REPORT_WINDOW_DAYS", 7)),
    "verification_days": int(os.environ.get("NETRA_VERIFICATION_DAYS", 7)),
    "bawaslu_working_days": int(os.environ.get("NETRA_BAWASLU_WORKING_DAYS", 3)),
    "ppk_working_days": int(os.environ.get("NETRA_PPK_WORKING_DAYS", 14)),
    # Escalation after the PPK deadline: warning, then reprimand, then a data-block request.
    "escalation_step_working_days": int(os.environ.get("NETRA_ESCALATION_STEP_WORKING_DAYS", 5)),
}

# Screener results at or above this partisan probability open a flag for a verifier.
NETRA_FLAG_THRESHOLD = float(os.environ.get("NETRA_FLAG_THRESHOLD", "0.5"))
# Characters of a post the screener reads; longer posts are cut and their result says "truncated".
NETRA_SCREEN_MAX_CHARS = int(os.environ.get("NETRA_SCREEN_MAX_CHARS", "20000"))
# Posts per screening task: a monitoring import is split into parts of this size that every Celery
# worker takes in turn (netra/monitoring/services.py, screen_part).
NETRA_SCREEN_PART_SIZE = int(os.environ.get("NETRA_SCREEN_PART_SIZE", "20000"))

# Days before an election stage starts that staff get a reminder e-mail.
NETRA_STAGE_REMINDER_DAYS = int(os.environ.get("NETRA_STAGE_REMINDER_DAYS", 3))

# Number of reverse proxies in front of Netra that append the client's address to X-Forwarded-For.
# 0 (default): the header is ignored and the connecting address is the client (netra/core/clientip.py).
NETRA_TRUSTED_PROXIES = int(os.environ.get("NETRA_TRUSTED_PROXIES", 0))

# Overload answers (netra/core/overload.py, docs/deploy.md): a request that waited longer than this in
# the queue (from the proxy's X-Request-Start stamp) gets 503 + Retry-After at once; 0 turns it off.
NETRA_SHED_QUEUE_MS = int(os.environ.get("NETRA_SHED_QUEUE_MS", 5000))
# Requests inside Django at once per process before answering 503 (0: no limit; gthread's threads
# bound it already).
NETRA_SHED_MAX_IN_FLIGHT = int(os.environ.get("NETRA_SHED_MAX_IN_FLIGHT", 0))
NETRA_SHED_RETRY_AFTER = int(os.environ.get("NETRA_SHED_RETRY_AFTER", 5))
# Longest wait (PostgreSQL) for the case-event chain's turn, which every report takes; then 503.
NETRA_CHAIN_LOCK_TIMEOUT_MS = int(os.environ.get("NETRA_CHAIN_LOCK_TIMEOUT_MS", 10000))

# Background work: with no broker, Celery runs tasks eagerly in the calling process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The shared cache holds rate-limit counters for every web process: Redis when configured, else a
# database table (created by migration core 0001).
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "netra.core.redis_cache.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "netra"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "netra_cache"}}
# The transparency page's and home page's figures are recomputed at most this often (seconds).
NETRA_PUBLIC_STATS_SECONDS = int(os.environ.get("NETRA_PUBLIC_STATS_SECONDS", "60"))
# Per-client limits on public pages (netra/core/ratelimit.py), DRF syntax; the API uses the same rates.
NETRA_RATE_LIMITS = {
    "report": os.environ.get("NETRA_PUBLIC_REPORT_RATE", "30/hour"),
    "note": os.environ.get("NETRA_REPORT_NOTE_RATE", "30/hour"),
    "lookup": os.environ.get("NETRA_LOOKUP_RATE", "120/hour"),
    "self_check": os.environ.get("NETRA_SELF_CHECK_RATE", "300/min"),
}
# API reports wait in the intake inbox and a worker opens their cases (netra/cases/services/inbox.py);
# on by default where a broker runs the workers, off (opened in the request) without one.
NETRA_INTAKE_INBOX = env_bool("NETRA_INTAKE_INBOX", bool(REDIS_URL) and not TESTING)
# In a surge of API reports (this many a second or more) the worker that opens their cases gives
# the cores to the web for NETRA_INBOX_SURGE_PAUSE seconds at a time, but no report waits longer
# than NETRA_INBOX_MAX_WAIT seconds for its case (inbox.gives_way). 0 turns it off.
NETRA_INBOX_SURGE_RATE = float(os.environ.get("NETRA_INBOX_SURGE_RATE", "20"))
NETRA_INBOX_SURGE_PAUSE = float(os.environ.get("NETRA_INBOX_SURGE_PAUSE", "2"))
NETRA_INBOX_MAX_WAIT = float(os.environ.get("NETRA_INBOX_MAX_WAIT", "120"))
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose worker died (kill -9, power loss) is handed out again after this many seconds.
# It must exceed the longest task (a large screening batch), or a running task would start twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("NETRA_TASK_VISIBILITY_SECONDS", "3600"))}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "escalate-overdue-cases": {"task": "netra.cases.tasks.escalate_overdue", "schedule": 3600.0},
    "stage-reminders": {"task": "netra.rules.tasks.send_stage_reminders", "schedule": 3600.0 * 6},
    "notifications-send-due": {"task": "netra.notifications.tasks.send_due", "schedule": 60.0},
    "notifications-deadlines": {"task": "netra.notifications.tasks.scan_deadlines", "schedule": 3600.0},
    "notifications-digest": {"task": "netra.notifications.tasks.send_digests",
                             "schedule": crontab(minute=0, hour=int(os.environ.get("NETRA_NOTIFY_DIGEST_HOUR", 7)))},
    # The event chain's head, logged and mailed to admins daily (netra/cases/digest.py).
    "event-chain-digest": {"task": "netra.cases.tasks.event_chain_digest", "schedule": 3600.0 * 24},
    # The dashboards' running case counts (netra/cases/tallies.py): fold the appended rows.
    "compact-case-tallies": {"task": "netra.cases.tasks.compact_case_tallies", "schedule": 60.0},
    # Reports waiting in the intake inbox (netra/cases/services/inbox.py) when a kick was lost.
    "open-intake-inbox": {"task": "netra.cases.tasks.open_submissions", "schedule": 30.0},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netra@localhost")

# Notifications (netra.notifications): WhatsApp/SMS HTTP gateways and the outbox's retry policy.
NETRA_WHATSAPP_GATEWAY_URL = os.environ.get("NETRA_WHATSAPP_GATEWAY_URL", "")
NETRA_WHATSAPP_GATEWAY_TOKEN = os.environ.get("NETRA_WHATSAPP_GATEWAY_TOKEN", "")
NETRA_SMS_GATEWAY_URL = os.environ.get("NETRA_SMS_GATEWAY_URL", "")
NETRA_SMS_GATEWAY_TOKEN = os.environ.get("NETRA_SMS_GATEWAY_TOKEN", "")
NETRA_NOTIFY_GATEWAY_TIMEOUT = float(os.environ.get("NETRA_NOTIFY_GATEWAY_TIMEOUT", 10))
NETRA_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NETRA_NOTIFY_MAX_ATTEMPTS", 8))
NETRA_NOTIFY_RETRY_SECONDS = int(os.environ.get("NETRA_NOTIFY_RETRY_SECONDS", 60))
NETRA_NOTIFY_DEADLINE_WORKING_DAYS = int(os.environ.get("NETRA_NOTIFY_DEADLINE_WORKING_DAYS", 2))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "netra.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "netra.api.pagination.BoundedLimitOffsetPagination",
    "DEFAULT_PARSER_CLASSES": [
        "netra.api.errors.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "netra.api.errors.exception_handler",
    "PAGE_SIZE": 50,
    # Client address behind NETRA_TRUSTED_PROXIES proxies (0: X-Forwarded-For ignored), as everywhere.
    "NUM_PROXIES": NETRA_TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Netra API",
    "DESCRIPTION": "Reports, case handling, reference data and self-check for ASN election neutrality.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set, so `netra check --deploy` (which builds the schema) stays clean.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "netra.cases.models.CaseStatus",
        "SanctionLevelEnum": "netra.rules.models.SanctionType.Level",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "netra.api.schema.add_error_responses",
    ],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "netra.core.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Deployment hardening (issue 10 item 9; production values documented in docs/deploy.md) ---
# Secure by default in production: HTTPS only, HSTS for a year. Behind nginx, set
# SECURE_PROXY_SSL_HEADER=1 so Django believes nginx's X-Forwarded-Proto (nginx must overwrite it).
PRODUCTION = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Monitoring and the units probe /healthz over plain HTTP on 127.0.0.1.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
# Reverse proxies in front of Netra whose X-Forwarded-For is believed (0: use the socket address).
NETRA_TRUSTED_PROXIES = int(os.environ.get("NETRA_TRUSTED_PROXIES", "0"))
REST_FRAMEWORK["NUM_PROXIES"] = NETRA_TRUSTED_PROXIES
# Only staff log in; a stolen or forgotten session must not live for weeks.
SESSION_COOKIE_AGE = int(os.environ.get("NETRA_SESSION_HOURS", "8")) * 3600
# API tokens expire this many days after they were issued; deleting a token revokes it at once.
NETRA_API_TOKEN_DAYS = int(os.environ.get("NETRA_API_TOKEN_DAYS", "90"))
# Content Security Policy: no inline script anywhere (scripts live in static files), nothing from
# other hosts. Inline style attributes stay allowed: they cannot run code, and the admin uses them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
