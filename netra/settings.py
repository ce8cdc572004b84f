"""Django settings for Netra, read from the environment.

Every deployment knob is an environment variable documented in `.env.example`. Defaults give a
safe local setup (SQLite under ./var, tasks in-process); production must set SECRET_KEY,
ALLOWED_HOSTS and NETRA_IDENTITY_KEYS explicitly, and DEBUG stays off unless asked for.
"""

import os
from pathlib import Path

import dj_database_url
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netra.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
        "OPTIONS": {"location": str(EVIDENCE_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# Evidence limits: a report may carry several files; each is checked by content, not by name.
NETRA_EVIDENCE_MAX_BYTES = int(os.environ.get("NETRA_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))
NETRA_EVIDENCE_MAX_FILES = int(os.environ.get("NETRA_EVIDENCE_MAX_FILES", 5))

# Identity of reporters is encrypted at rest with these Fernet keys; the first encrypts, all
# decrypt, so a key can be rotated by putting the new one first and running `netra rotate_identity_keys`.
NETRA_IDENTITY_KEYS = env_list("NETRA_IDENTITY_KEYS")
if not NETRA_IDENTITY_KEYS and not (DEBUG or TESTING):
    raise ImproperlyConfigured("NETRA_IDENTITY_KEYS must be set when DEBUG is off (see .env.example)")

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

# Days before an election stage starts that staff get a reminder e-mail.
NETRA_STAGE_REMINDER_DAYS = int(os.environ.get("NETRA_STAGE_REMINDER_DAYS", 3))

# Background work: with no broker, Celery runs tasks eagerly in the calling process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "escalate-overdue-cases": {"task": "netra.cases.tasks.escalate_overdue", "schedule": 3600.0},
    "stage-reminders": {"task": "netra.rules.tasks.send_stage_reminders", "schedule": 3600.0 * 6},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netra@localhost")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {
        "public_report": os.environ.get("NETRA_PUBLIC_REPORT_RATE", "30/hour"),
        "self_check": os.environ.get("NETRA_SELF_CHECK_RATE", "300/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Netra API",
    "DESCRIPTION": "Reports, case handling, reference data and self-check for ASN election neutrality.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
