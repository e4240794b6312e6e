"""Settings for Open NRM: one file, read from the environment.

Modes (NRM_ENV): ``development`` (default; `make run`), ``test`` (the test suite) and
``production``. Production refuses to start without its secrets and keys; development
generates them under ./var/ so that a fresh clone runs with one command.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from nrm.core.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_date,
    env_int,
    env_list,
    env_str,
    fernet_keys,
    generated_secret,
    secret_from_env_or_file,
)
from nrm.installations import countries, installation_for

BASE_DIR = Path(__file__).resolve().parent.parent
NRM_ENV = env_str("NRM_ENV", "development")
if NRM_ENV not in {"development", "test", "production"}:
    raise ConfigurationError("NRM_ENV must be development, test or production.")
PRODUCTION = NRM_ENV == "production"
TESTING = NRM_ENV == "test"
# One installation per country (nrm/installations/): Belgium unless NRM_COUNTRY says
# otherwise. NRM_JURISDICTION, the older name, is still read when NRM_COUNTRY is unset.
NRM_COUNTRY = env_choice("NRM_COUNTRY", countries(), env_str("NRM_JURISDICTION", "BE").upper())
NRM_INSTALLATION = installation_for(NRM_COUNTRY)
# Each country's demo keeps its own database, keys and audit checkpoints: ./var for Belgium,
# ./var/dk for Denmark, so that both demos can be run from one checkout.
VAR_DIR = Path(
    env_str(
        "NRM_VAR_DIR",
        str(BASE_DIR / "var" if NRM_COUNTRY == "BE" else BASE_DIR / "var" / NRM_COUNTRY.lower()),
    )
)

# Demo mode relaxes the second factor for the generated demo world only; it can never be
# switched on in production, where it would let anyone past the second factor.
NRM_DEMO = env_bool("NRM_DEMO", default=False)
if PRODUCTION and NRM_DEMO:
    raise ConfigurationError("NRM_DEMO cannot be used with NRM_ENV=production.")

# The demo is what new users see first: it answers the application's own error pages, never
# Django's debug pages (issue 16 item 8), so DEBUG is off there unless asked for.
DEBUG = env_bool("DEBUG", default=NRM_ENV == "development" and not NRM_DEMO)
if PRODUCTION and DEBUG:
    raise ConfigurationError("DEBUG cannot be on in production.")

_secret_key = secret_from_env_or_file("SECRET_KEY")
if _secret_key is None:
    if PRODUCTION:
        raise ConfigurationError("SECRET_KEY (or SECRET_KEY_FILE) must be set in production.")
    _secret_key = (
        "test-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"
        if TESTING
        else generated_secret(VAR_DIR / "secret_key")
    )
SECRET_KEY = _secret_key

# Field-encryption keys: a comma-separated list of Fernet keys, newest first. Rotation: put
# a new key first, run `nrm keys rotate`, then drop the old key (docs/security.md).
_field_keys = secret_from_env_or_file("NRM_FIELD_KEYS")
if _field_keys is None:
    if PRODUCTION:
        raise ConfigurationError(
            "NRM_FIELD_KEYS (or NRM_FIELD_KEYS_FILE) must be set in production."
        )
    _field_keys = (
        "0JdJk0QZ9ZUj3WvGEr1e7mM0x7PpuYQm0l3cJ0Dy8Ck="
        if TESTING
        else generated_secret(VAR_DIR / "field.keys", make="fernet")
    )
NRM_FIELD_KEYS = fernet_keys("NRM_FIELD_KEYS", _field_keys)

# The audit trail's MAC key (nrm/access/audit.py): kept apart from the field keys (its own
# variable or secret file, and its own directory in development), so that a copy of the
# field keys and the database does not let anyone rewrite the trail unnoticed.
_audit_key = secret_from_env_or_file("NRM_AUDIT_KEY")
if _audit_key is None:
    if PRODUCTION:
        raise ConfigurationError("NRM_AUDIT_KEY (or NRM_AUDIT_KEY_FILE) must be set in production.")
    _audit_key = (
        "test-audit-key-not-for-production-9f8e7d6c5b4a"
        if TESTING
        else generated_secret(VAR_DIR / "audit" / "audit.key")
    )
NRM_AUDIT_KEY = _audit_key
# Signed checkpoints of the chains' ends, appended by `nrm audit checkpoint`: keep the file
# out of the database administrators' reach (append-only attribute, another machine).
# The test suite writes none unless a test names a file.
NRM_AUDIT_CHECKPOINT_FILE = env_str(
    "NRM_AUDIT_CHECKPOINT_FILE", "" if TESTING else str(VAR_DIR / "audit" / "checkpoints.jsonl")
)
# Parallel chains: up to this many audited requests append at once without waiting.
NRM_AUDIT_CHAINS = env_int("NRM_AUDIT_CHAINS", 16)

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError("ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "nrm.core",
    "nrm.organisations",
    "nrm.accounts",
    "nrm.access",
    "nrm.people",
    "nrm.administration",
    "nrm.protection",
    "nrm.identification",
    "nrm.referrals",
    "nrm.care",
    "nrm.inspections",
    "nrm.indicators",
    "nrm.qualification",
    "nrm.statistics",
    "nrm.home",
    "nrm.demo",
    "nrm.prosecution",
    "nrm.exchange",
    "nrm.coordination",
    "nrm.guide",
    "nrm.inbox",
    "nrm.directory",
    "nrm.aftercare",
    "nrm.caseload",
    "nrm.consent",
    "nrm.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: every answer to a signed-in user or an API caller is no-store.
    "nrm.core.middleware.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, leaving the session alone for the page's own background reads (the inbox count).
    "nrm.core.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, except that an installation whose language is not to be
    # negotiated (Denmark) shows its own unless the reader chose another.
    "nrm.core.locale.InstallationLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "nrm.accounts.middleware.SignInPolicyMiddleware",
    # Input no field can hold (NUL, lone surrogates, 65-bit integers, deep JSON): 400.
    "nrm.core.input.InputGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "nrm.urls"
WSGI_APPLICATION = "nrm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "nrm.home.context.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nrm.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the single writer works; IMMEDIATE avoids the
    # "database is locked" upgrade race between concurrent writers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Thousands of test sign-ins: a fast hasher there; production hashing is tested apart.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"

# Sessions end after 30 minutes without activity; every request renews the clock.
SESSION_COOKIE_AGE = env_int("NRM_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Sign-in throttling: progressive delays per address, per account and per trusted browser,
# never a lock an attacker can keep on the hotline (nrm/accounts/throttle.py, replacing
# django-axes; docs/security.md).

OTP_TOTP_ISSUER = "Open NRM"
NRM_OTP_REQUIRED = not NRM_DEMO

# The installation's language (Danish in Denmark); the language switch overrides it.
LANGUAGE_CODE = NRM_INSTALLATION.language
# German is Belgium's third official language; Danish serves the Danish installation.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("da", _("Danish")),
]
LOCALE_PATHS = [BASE_DIR / "nrm" / "locale"]
FORMAT_MODULE_PATH = ["nrm.formats"]  # English dates as the agencies write them (d/m/Y)
USE_I18N = True
USE_TZ = True
TIME_ZONE = NRM_INSTALLATION.time_zone

STATIC_URL = "/static/"
# Production collects assets here for WhiteNoise; elsewhere they are served from the apps.
STATIC_ROOT = Path(env_str("NRM_STATIC_ROOT", str(VAR_DIR / "static"))) if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production nothing is collected: WhiteNoise serves the apps' assets from where they
# are, so the demo works with DEBUG off.
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"
# Small uploads stay in memory; larger ones spool to a temporary file that stops growing at
# the evidence limit (nrm/core/files.py, LimitedUploadHandler), so no body fills the disk.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "nrm.core.files.LimitedUploadHandler",
]

# Security headers. Everything is served from our own origin; htmx needs no eval.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind the TLS-terminating proxy (README, "Deployment").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "open-nrm@localhost")

# Logs carry ids and event names only; the filter drops anything that looks like request
# bodies or identities (docs/security.md, "Logs").
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "nrm.core.logging.NoPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_personal_data"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Product defaults for the access core (docs/access.md).
# The pathway and legal rules of the installation's country (nrm/installations/).
NRM_JURISDICTION = NRM_INSTALLATION.jurisdiction
# First day of acts judged under Belgium's new Criminal Code (Book II): 8 April 2026 per the
# FPS Justice [S]; the Justel record says 9 April (UNVERIFIED, RULES.md §1 item 6). The same
# default as nrm.law.be2026.CUTOVER_DEFAULT (not imported: settings load no engine).
NRM_BE2026_CUTOVER = env_date("NRM_BE2026_CUTOVER", date(2026, 4, 8))
NRM_SMALL_CELL = env_int("NRM_SMALL_CELL", 5)  # statistics cells below this are suppressed
# Product default, not law: how soon a centre should answer a referral.
NRM_REFERRAL_RESPONSE_HOURS = env_int("NRM_REFERRAL_RESPONSE_HOURS", 24)
# An unanswered referral goes to the centre's director when its answer time passes, then to
# the coordination unit this many hours later (issue 18 §3; product default, not a legal rule).
NRM_REFERRAL_ESCALATE_COORDINATION_HOURS = env_int("NRM_REFERRAL_ESCALATE_COORDINATION_HOURS", 24)
# Product default, not law: follow-up contacts after support, in months after it ended
# (issue 18: the UK's reviews ask to know what happens to victims after support).
NRM_AFTERCARE_FOLLOW_UP_MONTHS = sorted(
    {int(m) for m in env_list("NRM_AFTERCARE_FOLLOW_UP_MONTHS", ["3", "6", "12"]) if m.isdigit()}
    - {0}
)

# Labour inspection (nrm/inspections). Product defaults, not law (RULES.md §5).
NRM_EVIDENCE_MAX_BYTES = env_int("NRM_EVIDENCE_MAX_BYTES", 15 * 1024 * 1024)
# The political target: 100 trafficking-focused inspections a year for all ECOSOC teams
# together (seed note; UNVERIFIED, RULES.md §10 item 8); teams may get shares of it.
NRM_INSPECTION_NATIONAL_TARGET = env_int(
    "NRM_INSPECTION_NATIONAL_TARGET", NRM_INSTALLATION.inspection_national_target
)

# Prosecution (nrm/prosecution). Each value is shown in the product with its source.
# PRODUCT CHOICE: the seed note gives no figure for the yearly case target of an office.
NRM_PROSECUTION_TARGET_DEFAULT = env_int(
    "NRM_PROSECUTION_TARGET_DEFAULT", NRM_INSTALLATION.prosecution_target_default
)
# Seed note, as reported by the NSSO; legal basis not located (RULES.md §1 item 4).
NRM_STATE_BACK_PAY_MIN_UNPAID_MONTHS = env_int("NRM_STATE_BACK_PAY_MIN_UNPAID_MONTHS", 6)
# [K] Directive 2009/52/EC art. 6(3); the Belgian transposing article is UNVERIFIED.
NRM_BACK_PAY_PRESUMED_MONTHS = env_int("NRM_BACK_PAY_PRESUMED_MONTHS", 3)
# [K] Code of criminal procedure: appeal within 30 days of the judgment (shown, not enforced).
NRM_APPEAL_PERIOD_DAYS = env_int("NRM_APPEAL_PERIOD_DAYS", 30)

# Retention (nrm/retention, docs/retention.md): the periods are data. An installation
# changes them in a JSON file (NRM_RETENTION_FILE) or this setting; the defaults, each with
# its reason and source, are in nrm/retention/policy.py.
NRM_RETENTION_FILE = env_str("NRM_RETENTION_FILE", "")
NRM_RETENTION: dict[str, object] = {}
