"""Buurtpeil settings. Every deployment-specific value comes from the environment."""

from ipaddress import ip_network
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from buurtpeil.config.env import env, proxy_ssl_header

BASE_DIR = Path(__file__).resolve().parent.parent  # src/buurtpeil
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env("BUURTPEIL_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env("DEBUG", False, cast=bool)
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me") if DEBUG else env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], cast=list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [], cast=list)
# Absolute base URL used in e-mails and printed letters.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "buurtpeil.core",
    "buurtpeil.organisations",
    "buurtpeil.areas",
    "buurtpeil.indicators",
    "buurtpeil.partners",
    "buurtpeil.watch",
    "buurtpeil.panel",
    "buurtpeil.polls",
    "buurtpeil.distribution",
    "buurtpeil.responses",
    "buurtpeil.openanswers",
    "buurtpeil.concerns",
    "buurtpeil.insights",
    "buurtpeil.plans",
    "buurtpeil.analyses",
    "buurtpeil.meetings",
    "buurtpeil.feedback",
    "buurtpeil.reports",
    "buurtpeil.regions",
    "buurtpeil.practices",
    "buurtpeil.api",
    "buurtpeil.demo",
]

MIDDLEWARE = [
    # /health/live, /health/ready and /metrics, before host checks, redirects and logging.
    "buurtpeil.core.middleware.OperationsMiddleware",
    # A request id, one log line and the request metrics for everything below.
    "buurtpeil.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "buurtpeil.core.middleware.SecurityHeadersMiddleware",
    "buurtpeil.responses.middleware.SaveShortcutMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "buurtpeil.core.limits.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "buurtpeil.organisations.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "buurtpeil.reports.council.middleware.CouncilReportNoticeMiddleware",
]

ROOT_URLCONF = "buurtpeil.config.urls"
WSGI_APPLICATION = "buurtpeil.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "buurtpeil.core.context_processors.csp_nonce",
            ],
        },
    },
]

# SQLite (WAL) by default; PostgreSQL through DATABASE_URL=postgres://...
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'buurtpeil.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg prepares a statement on the fifth use on a connection. The ORM binds on the client
    # and never prepares; the answering hot path binds on the server (responses.store).
    DATABASES["default"]["OPTIONS"] = {
        "prepare_threshold": 5,
        # Seconds to wait for a connection: a database that does not answer fails a request
        # (and /health/ready) quickly instead of holding a worker.
        "connect_timeout": env("DATABASE_CONNECT_TIMEOUT", 5, cast=int),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "staff:login"

# --- Staff login (organisations): lock-out, two-factor authentication, session expiry, OIDC ----
# A user name is locked after this many failed attempts within the window, for the lock time;
# one client address after STAFF_LOCKOUT_IP_FAILURES (whatever names it tries).
STAFF_LOCKOUT_FAILURES = env("STAFF_LOCKOUT_FAILURES", 5, cast=int)
STAFF_LOCKOUT_IP_FAILURES = env("STAFF_LOCKOUT_IP_FAILURES", 30, cast=int)
STAFF_LOCKOUT_MINUTES = env("STAFF_LOCKOUT_MINUTES", 15, cast=int)
# Reverse proxies in front of the application that append the client to X-Forwarded-For
# (0: the client is REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT", 0, cast=int)
# Every staff member needs an authenticator app (TOTP); without one they set it up after the password.
STAFF_2FA_REQUIRED = env("STAFF_2FA_REQUIRED", True, cast=bool)
# A staff session ends after this much inactivity, and in any case this long after the login.
STAFF_SESSION_IDLE_MINUTES = env("STAFF_SESSION_IDLE_MINUTES", 30, cast=int)
STAFF_SESSION_MAX_HOURS = env("STAFF_SESSION_MAX_HOURS", 12, cast=int)
# OpenID Connect with the organisation's identity provider: on when these three are set. The
# URL is the issuer or its /.well-known/openid-configuration.
OIDC_DISCOVERY_URL = env("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "")
OIDC_SCOPE = env("OIDC_SCOPE", "openid email profile")
# The identity provider enforces multi-factor authentication itself: its login then counts as
# both steps. Off: staff still enter their authenticator code after it.
OIDC_IDP_ENFORCES_MFA = env("OIDC_IDP_ENFORCES_MFA", False, cast=bool)

# Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# No request body may be larger (the largest upload, an areas file, is 20 MB).
MAX_REQUEST_BYTES = env("MAX_REQUEST_BYTES", 25 * 1024 * 1024, cast=int)
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Security headers and cookies (see also core.middleware.SecurityHeadersMiddleware: CSP,
# Permissions-Policy) -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env("SESSION_COOKIE_AGE", 60 * 60 * 24 * 30, cast=int)
# No script reads the CSRF cookie: forms carry the token in a field, push.js in a header.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env("SECURE_COOKIES", True, cast=bool)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS proxy: the header it sets to "https" on a request that came in over HTTPS, e.g.
# X-Forwarded-Proto. Only name it when the proxy always sets (or removes) that header.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env("SECURE_PROXY_SSL_HEADER", ""))
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", False, cast=bool)
# HSTS on every HTTPS response in production (browsers ignore it over plain HTTP).
SECURE_HSTS_SECONDS = 0 if DEBUG else env("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, cast=int)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("SECURE_HSTS_INCLUDE_SUBDOMAINS", False, cast=bool)
SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD", False, cast=bool)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env("EMAIL_PORT", 25, cast=int)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False, cast=bool)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Buurtpeil <noreply@buurtpeil.invalid>")

# Background work: immediate by default (no worker needed); "database" queues in the
# database and workers on any number of machines take tasks with row locks.
TASK_BACKEND = env("TASK_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

# Residents' magic links and letter codes.
MAGIC_LINK_MAX_AGE = env("MAGIC_LINK_MAX_AGE", 15 * 60, cast=int)
# Per client address and organisation, within STAFF_LOCKOUT_MINUTES: wrong letter codes, and
# login or join links asked for (a recruitment evening on one wifi stays well below either).
RESIDENT_CODE_FAILURES_MAX = env("RESIDENT_CODE_FAILURES_MAX", 30, cast=int)
RESIDENT_LINK_REQUESTS_MAX = env("RESIDENT_LINK_REQUESTS_MAX", 60, cast=int)

# Retention (organisations.retention; answers follow each organisation's retention_months):
# whatever contact data is left of a member who left goes after this many days, and a member
# who confirmed an address but never finished joining is erased after this many.
RETENTION_LEFT_GRACE_DAYS = env("RETENTION_LEFT_GRACE_DAYS", 7, cast=int)
RETENTION_PENDING_DAYS = env("RETENTION_PENDING_DAYS", 30, cast=int)

# Logs go to standard output: JSON lines in production, plain text with DEBUG (LOG_FORMAT
# chooses). Every handler passes records through core.logging.RedactSecretsFilter first.
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "buurtpeil.core.logging.JsonFormatter"},
    },
    "filters": {"redact": {"()": "buurtpeil.core.logging.RedactSecretsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # The development server's access log names each path, and a magic-link path holds its
        # token: send it through the redacting handler instead of Django's own.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per request (core.middleware.RequestLogMiddleware); REQUEST_LOG=0 leaves it out.
        "buurtpeil.request": {"level": "INFO" if env("REQUEST_LOG", True, cast=bool) else "WARNING"},
    },
}

# /metrics (Prometheus) answers a request with "Authorization: Bearer <METRICS_TOKEN>" or from
# one of METRICS_ALLOWED_IPS (addresses or networks, comma-separated); nobody else.
METRICS_TOKEN = env("METRICS_TOKEN", "")
# Seconds a process reuses the database gauges (queue, deliveries, responses) between scrapes.
METRICS_GAUGES_MAX_AGE = env("METRICS_GAUGES_MAX_AGE", 30, cast=int)
METRICS_ALLOWED_IPS = [
    str(ip_network(net, strict=False)) for net in env("METRICS_ALLOWED_IPS", [], cast=list)
]

# --- Sending (distribution): quiet hours, web push, SMS --------------------------------------
# No message goes out between these hours, Europe/Amsterdam time ("off" to disable).
QUIET_HOURS = env("QUIET_HOURS", "21-8")
# Optional second List-Unsubscribe target (an inbox that processes "unsubscribe" mails).
UNSUBSCRIBE_MAILTO = env("UNSUBSCRIBE_MAILTO", "")
# Web push: make a key pair with `buurtpeil vapid-keys`. Push is off while these are empty.
VAPID_PRIVATE_KEY = env("VAPID_PRIVATE_KEY", "")
VAPID_PUBLIC_KEY = env("VAPID_PUBLIC_KEY", "")
VAPID_SUBJECT = env("VAPID_SUBJECT", "")
# SMS: "cm" (CM.com), "console" (prints, the default with DEBUG), "locmem" (tests), "" (off).
SMS_BACKEND = env("SMS_BACKEND", "console" if DEBUG else "")
SMS_API_KEY = env("SMS_API_KEY", "")
SMS_SENDER = env("SMS_SENDER", "")  # at most 11 characters, e.g. "Gemeente"
SMS_API_URL = env("SMS_API_URL", "")  # empty: CM.com's global gateway

# --- API (/api/v1): Django REST framework and its OpenAPI document (drf-spectacular) ---------
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
# API-Version header and problem+json on every response under /api/v1 (inside GZip).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.gzip.GZipMiddleware") + 1, "buurtpeil.api.middleware.ApiMiddleware"
)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # each view names its own: staff token, invitation
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["buurtpeil.api.parsers.JsonParser"],  # refusals in Dutch
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "buurtpeil.api.problems.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_CLASSES": [],  # throttling of submissions: issue 9
}
API_CONTACT_EMAIL = env("API_CONTACT_EMAIL", "")
SPECTACULAR_SETTINGS = {
    "TITLE": "Buurtpeil API",
    "DESCRIPTION": (
        "Peilingen van het digitale burgerpanel voor veiligheidsbeleving: de vragen van een peiling, "
        "antwoorden van bewoners (met een Idempotency-Key) en aantallen uitgenodigd, gestart en "
        "ingeleverd. Medewerkers gebruiken een API-token (`Authorization: Token ...`), bewoners het "
        "token uit hun uitnodiging (`Authorization: Bearer ...`). Volgt de NL API Design Rules: elk "
        "antwoord draagt de header API-Version, paden eindigen niet op een schuine streep, fouten "
        "zijn application/problem+json (RFC 9457)."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": "Buurtpeil",
        "url": SITE_URL,
        **({"email": API_CONTACT_EMAIL} if API_CONTACT_EMAIL else {}),
    },
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    "SERVERS": [{"url": f"{SITE_URL}/api/v1", "description": "Deze installatie"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "TAGS": [
        {"name": "peilingen", "description": "Peilingen, hun vragen en de aantallen antwoorden."},
        {"name": "antwoorden", "description": "Antwoorden van bewoners opslaan en inleveren."},
    ],
    "ENUM_NAME_OVERRIDES": {
        "PeilingStatusEnum": "buurtpeil.api.serializers.POLL_STATUS_VALUES",
        "AntwoordStatusEnum": "buurtpeil.api.serializers.RESPONSE_STATUS_VALUES",
        "VraagTypeEnum": "buurtpeil.api.serializers.QUESTION_TYPE_VALUES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "buurtpeil.api.schema.postprocess",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
