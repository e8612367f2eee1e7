"""Settings, read from the environment. See README.md, "Configuration", for every variable.

Development is the default: SQLite under var/, mail to the console, two-factor log-in offered
but not enforced. `GEMEINSAM_ENV=production` switches on the strict settings that
`gemeinsam check --deploy --fail-level WARNING` verifies.
"""

import json
import os
import warnings
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("GEMEINSAM_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("GEMEINSAM_VAR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("GEMEINSAM_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("GEMEINSAM_ENV must be 'development' or 'production'.")

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when GEMEINSAM_ENV=production.")
    # Only outside production: the public development key (a system check refuses it there).
    from gemeinsam.core.checks import DEVELOPMENT_SECRET_KEY as SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    # Before django_tasks_db: core's `db_worker` (one that survives database errors) replaces
    # the library's command of the same name.
    "gemeinsam.core",
    "django_tasks",
    "django_tasks_db",
    "gemeinsam.accounts",
    "gemeinsam.translations",
    "gemeinsam.agencies",
    "gemeinsam.organizations",
    "gemeinsam.events",
    "gemeinsam.rooms",
    "gemeinsam.counselling",
    "gemeinsam.funding",
    "gemeinsam.surveys",
    "gemeinsam.tandems",
    "gemeinsam.knowledge",
    "gemeinsam.committees",
    "gemeinsam.site",
    "gemeinsam.demo",
    "gemeinsam.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gemeinsam.core.middleware.ContentSecurityPolicyMiddleware",
    "gemeinsam.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "gemeinsam.accounts.middleware.RequireStaffTwoFactorMiddleware",
    "gemeinsam.core.middleware.NoStoreForPrivatePagesMiddleware",
    "gemeinsam.counselling.middleware.NotesKeyErrorMiddleware",
]

ROOT_URLCONF = "gemeinsam.urls"
WSGI_APPLICATION = "gemeinsam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gemeinsam.core.context_processors.site",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------
# SQLite by default: WAL so readers never wait for the writer, IMMEDIATE transactions so writers
# queue on the lock instead of failing with "database is locked" half-way through.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "gemeinsam.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With REDIS_URL (or CACHE_URL) a Redis or Valkey server is the cache of every application
# server: rate limits and log-in throttling, the anonymous pages and the sessions (kept in the
# database too, so a restarted cache logs nobody out). Without it, the database cache, shared by
# every process (`createcachetable` runs in `demo`, in deployment and in the test set-up), and
# the pages per process: the quick start needs no other server.
SHARED_CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL") or ""
if SHARED_CACHE_URL:
    if not SHARED_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL and CACHE_URL must name a Redis or Valkey server: redis://, rediss:// "
            "or unix://."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SHARED_CACHE_URL,
            "KEY_PREFIX": "gemeinsam",
        },
        # Whole pages for anonymous visitors (see core.pagecache).
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SHARED_CACHE_URL,
            "KEY_PREFIX": "gemeinsam-pages",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gemeinsam_cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gemeinsam-pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "site:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_FORMS = {"signup": "gemeinsam.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "gemeinsam.accounts.adapter.AccountAdapter"
# What mails and the site call this installation ("Hallo von gemeinsam!").
GEMEINSAM_SITE_NAME = os.environ.get("GEMEINSAM_SITE_NAME", "gemeinsam")
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{GEMEINSAM_SITE_NAME}] "
# Failed log-ins are throttled per client IP, and per client IP and account ("key", see
# accounts.adapter) with growing waits: 5 guesses in 5 minutes, 10 an hour, 30 a day. The owner of
# the account, logging in from elsewhere, is never locked out by someone else's guesses.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key,10/h/key,30/d/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "gemeinsam"
# Staff must use two-factor log-in in production (OWASP ASVS 6.3.2). The demo turns this off.
GEMEINSAM_REQUIRE_STAFF_2FA = env_bool("GEMEINSAM_REQUIRE_STAFF_2FA", default=PRODUCTION)

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
]
# Each language's own name, for the language switcher.
LANGUAGE_ENDONYMS = {"de": "Deutsch", "en": "English", "ar": "العربية", "tr": "Türkçe"}
# Ours first; then German in formal address for django-allauth's messages, ahead of its own
# catalog (which says "du"; see accounts/formal/).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "accounts" / "formal"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# The project-wide assets (gemeinsam/static/) belong to no app, so the finders need telling.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# whitenoise looks for STATIC_ROOT, which exists only after collectstatic (in production).
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads bigger than this are refused with a clear message before they are parsed.
# Public address of the installation, used for links in mails sent outside a request.
GEMEINSAM_BASE_URL = os.environ.get("GEMEINSAM_BASE_URL", "http://127.0.0.1:8000")
GEMEINSAM_MAX_IMPORT_BYTES = int(os.environ.get("GEMEINSAM_MAX_IMPORT_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail --------------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
# Where the file backend (the demo's, or EMAIL_BACKEND=…filebased.EmailBackend) writes mails.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gemeinsam <noreply@gemeinsam.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background jobs ---------------------------------------------------------------------------
# Mails (confirmations, waiting-list moves, reminders) are queued as tasks in the database, in the
# same transaction as the change that causes them, and sent by `gemeinsam db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Events -------------------------------------------------------------------------------------
# Registrations take their place under a lock (SQLite: the IMMEDIATE transaction; PostgreSQL: a
# row lock on the event), as room bookings do: see core/races.py. Nothing here switches it off.

# --- Counselling ------------------------------------------------------------------------------
# Internal notes and session summaries are encrypted with these Fernet keys (comma-separated):
# the first encrypts, all decrypt. To rotate, put a new key first, run `gemeinsam
# rotate_notes_keys`, then drop the old one. Outside production a key is derived from SECRET_KEY.
GEMEINSAM_NOTES_KEYS = env_list("GEMEINSAM_NOTES_KEYS", "")
if not GEMEINSAM_NOTES_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "GEMEINSAM_NOTES_KEYS must be set when GEMEINSAM_ENV=production."
        )
    # Only outside production: a notes key derived from the development key.
    from gemeinsam.counselling.crypto import development_key

    GEMEINSAM_NOTES_KEYS = [development_key(SECRET_KEY)]
# Case documents are stored here, outside the web root, and served only after a permission check.
GEMEINSAM_PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("GEMEINSAM_PRIVATE_MEDIA_ROOT", VAR_DIR / "private")
)
GEMEINSAM_MAX_DOCUMENT_BYTES = int(os.environ.get("GEMEINSAM_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024))
# Closed cases are anonymised this many days after closing (the scheduled retention job).
GEMEINSAM_CASE_RETENTION_DAYS = int(os.environ.get("GEMEINSAM_CASE_RETENTION_DAYS", 3 * 365))
# Public counselling requests per address and hour (form and API), against spam.
GEMEINSAM_REQUEST_RATE = os.environ.get("GEMEINSAM_REQUEST_RATE", "5/h")
# Machine translation of content (translations.machine): a backend class's dotted path, off when
# unset; its options (an API key …) as a JSON object.
GEMEINSAM_MACHINE_TRANSLATION = os.environ.get("GEMEINSAM_MACHINE_TRANSLATION") or None
GEMEINSAM_MACHINE_TRANSLATION_OPTIONS = json.loads(
    os.environ.get("GEMEINSAM_MACHINE_TRANSLATION_OPTIONS") or "{}"
)

# --- Security -------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp), enforced on every HTML page: scripts, styles, fonts and
# images come from this site only, nothing inline (no template carries a script, a style element
# or a style attribute; tests/core/test_security_headers.py checks), no plugins, no framing. The
# authenticator set-up page shows its QR code as a data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- API ------------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100
# Requests per minute: "anon" per IP address, "auth" per token owner (None: no limit).
# An empty API_ANON_RATE switches the anonymous limit off (the load benchmark does, since all its
# requests come from one address).
NINJA_DEFAULT_THROTTLE_RATES = {
    "anon": os.environ.get("API_ANON_RATE", "120/min") or None,
    "auth": "600/min",
    "user": "600/min",
}
# The client's address is REMOTE_ADDR unless a trusted proxy in front sets X-Forwarded-For;
# without this, anyone could dodge the anonymous limit by sending a made-up header.
NINJA_NUM_PROXIES = 1 if env_bool("BEHIND_TLS_PROXY", default=False) else 0
# The same for allauth's log-in throttling: behind the proxy every request would otherwise come
# from the proxy's address, and one guesser would slow everybody down.
ALLAUTH_TRUSTED_PROXY_COUNT = NINJA_NUM_PROXIES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
