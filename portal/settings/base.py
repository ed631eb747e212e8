"""Settings shared by every environment. Secrets and servers come from the
environment; the defaults give the embedded set-up (SQLite, database search)."""

import os
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # From the ground up: the foundation, the content apps, search, the site.
    "core",
    "toolbox",
    "cases",
    "search",
    "figures",
    "competence",
    "privacy",
    "portal",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "ninja",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy (core.security). The public site, and Django's
# admin, allow no inline script or style at all: put behaviour and styling in
# static files rather than loosening CSP_POLICY. tests/browser/test_csp.py
# fails on any violation.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CSP_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # Video embeds (EmbedBlock) are iframes from these providers.
    "frame-src": [
        "'self'",
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # Same origin, like X_FRAME_OPTIONS in production: Wagtail's live preview
    # frames the page being edited.
    "frame-ancestors": ["'self'"],
}
# Wagtail 8's admin still renders inline <script> for widgets (date choosers,
# InlinePanel, choosers inside inline forms) and inserts more at run time;
# its React code adds <style> elements. Neither carries a nonce, so the admin
# needs 'unsafe-inline' for both. blob: is for previews of images being
# uploaded. Each relaxation was measured by the browser test.
CSP_ADMIN_PATHS = ["/admin/"]
CSP_ADMIN_POLICY = {
    **CSP_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
# Wagtail's default avatars come from gravatar.com, which would both break
# img-src 'self' and send a hash of every editor's e-mail address abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.fragments.fragments",
            ],
        },
    },
]


def sqlite_options():
    """OPTIONS that let the embedded SQLite take concurrent publishing.

    Django's default BEGIN is DEFERRED: a transaction that reads and then
    writes asks for the write lock while holding a read lock, and SQLite
    answers "database is locked" at once instead of waiting, whatever the
    timeout. BEGIN IMMEDIATE takes the write lock up front, so a second
    writer waits (up to `timeout` seconds) for its turn. WAL lets readers go
    on while a writer commits, and synchronous=NORMAL is WAL's usual pairing
    (a power cut may lose the last commits, never the file). The tests in
    tests/portal/test_sqlite_concurrency.py load a file database with exactly
    these options.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


# The embedded default is an SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(sqlite_options())
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's statements are short; at 50 000 pages the planner's
    # estimates put many of them over jit_above_cost, and compiling took
    # longer than running them (1.3 s before the CSV export's first row,
    # 391 -> 174 ms for a cold /produktion/).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# The project's catalogue outranks every app's: it fills and corrects the
# Wagtail admin's Danish, also in /admin/jsi18n/, which reads only Wagtail's
# own catalogue and these (scripts/compile-translations builds the .mo files).
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
# Page privacy sends anonymous visitors to the site's throttled login, not to
# Wagtail's /_util/login/ (which portal/urls.py serves with the same view).
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# The admin's login shares the site's throttled form (core.login).
WAGTAILADMIN_USER_LOGIN_FORM = "core.login.ThrottledLoginForm"

WAGTAIL_SITE_NAME = "Værktøjskassen"
# The public address of the site, for links built outside a request: mails,
# the weekly digest, tasks (core.links). Requests build their own links from
# the host they came to. Production refuses to start without it.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "csv",
    "zip",
    "png",
    "jpg",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# Both bases check that an upload's content is what its name says
# (core/uploads.py); a new extension above needs a check there too.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.PortalDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.PortalImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Elasticsearch is switched on by ELASTICSEARCH_URL; without it the portal
# searches the database (SQLite FTS5 or PostgreSQL full text).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "vaerktoejskassen")
# `full` needs the analysis-common module, `hunspell` only the da_DK hunspell
# dictionary in each node's config/hunspell/; `core` runs on a bare server.
SEARCH_ANALYSIS_PROFILE = os.environ.get("SEARCH_ANALYSIS_PROFILE", "full")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "2"))
# The database backend's own limit per search statement (seconds): a search
# nobody waits for any more must not go on loading the database.
SEARCH_DATABASE_TIMEOUT = float(os.environ.get("SEARCH_DATABASE_TIMEOUT", "5"))
# Seconds a search's answer is kept in the cache (per content generation and
# audience, so a publish is seen at once); 0 turns it off.
SEARCH_RESULTS_CACHE_SECONDS = float(
    os.environ.get("SEARCH_RESULTS_CACHE_SECONDS", "60")
)
# After an outage the database answers for this long before Elasticsearch
# is asked again; faults of a reachable cluster start it after this many in
# a row.
SEARCH_FAILURE_COOLDOWN = float(os.environ.get("SEARCH_FAILURE_COOLDOWN", "15"))
SEARCH_FAULTS_BEFORE_COOLDOWN = 3
SEARCH_LIVE_INDEXING = env_bool("SEARCH_LIVE_INDEXING", True)
# A failed index update is retried after SEARCH_RETRY_BASE seconds, then
# after twice as long each time, never more than SEARCH_RETRY_MAX apart: a
# short hiccup is over in seconds, and a long outage costs one try every five
# minutes per waiting batch (search.tasks.retry_delay).
SEARCH_RETRY_BASE = float(os.environ.get("SEARCH_RETRY_BASE", "2"))
SEARCH_RETRY_MAX = float(os.environ.get("SEARCH_RETRY_MAX", "300"))
# Index updates or tasks older than this (seconds) mean nothing drains them:
# /sundhed/ reports "degraded" and editors see a warning on the dashboard.
SEARCH_LAG_WARNING = float(os.environ.get("SEARCH_LAG_WARNING", "60"))
# Monitoring sends this in the X-Health-Token header to read /sundhed/'s
# figures; without it (or a staff login) /sundhed/ answers only its status.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")
# The pages editors feature rank a little higher; the site lists them.
SEARCH_FEATURED_PAGES = "portal.models.home.featured_page_ids"

# Wagtail's own index (admin search) always lives in the database, so the
# portal's Elasticsearch index has exactly one writer: the search app.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vaerktoejskassen",
    },
    # View and download counters (toolbox.engagement): room for a counter per
    # tool per minute, which the default cache's 300 entries would cull.
    "stats": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vaerktoejskassen-stats",
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    },
}
# With REDIS_URL, every web worker and node shares one cache: rate limits,
# the view and download counters and the cached page fragments are then
# counted once, not once per process. Sessions stay in the database (the
# default SESSION_ENGINE), so a Redis outage logs nobody out.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_caches(url):
    return {
        name: {
            # Reads miss and writes are dropped while Redis is unreachable.
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"vaerktoejskassen-{name}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for name in ("default", "stats")
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
# Rate limits and login throttles must be counted where every process sees
# them: the shared cache, or else the database (core.ratelimit). With the
# cache they still fall back to the database while it is unreachable.
RATE_LIMIT_STORE = "cache" if REDIS_URL else "database"
# Seconds a process serves uncached after the cache server was unreachable,
# before it asks the server again (core.cache.ResilientRedisCache).
CACHE_FAILURE_COOLDOWN = float(os.environ.get("CACHE_FAILURE_COOLDOWN", "10"))
TOOL_STATS_CACHE = "stats"
TOOL_STATS_FLUSH_INTERVAL = int(os.environ.get("TOOL_STATS_FLUSH_INTERVAL", "60"))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@vaerktoejskassen.dk")
EDITORS_EMAIL = env_list("EDITORS_EMAIL", "redaktion@vaerktoejskassen.dk")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def require_secret_key(secret_key):
    """Production refuses to start with no key or a placeholder one."""
    if (
        not secret_key
        or len(secret_key) < 32
        or secret_key.startswith("django-insecure")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY mangler eller er for svag: sæt miljøvariablen SECRET_KEY til "
            "en tilfældig streng på mindst 32 tegn (production settings)."
        )
    return secret_key


def require_public_base_url(url):
    """Production refuses a missing or local public address: every link in
    a mail would point at it."""
    parsed = urlparse(url)
    if (
        parsed.scheme not in {"http", "https"}
        or not parsed.hostname
        or parsed.hostname in {"localhost", "127.0.0.1", "::1"}
        or parsed.path not in {"", "/"}
    ):
        raise ImproperlyConfigured(
            "PUBLIC_BASE_URL mangler eller er ugyldig: sæt miljøvariablen "
            "PUBLIC_BASE_URL til sitets offentlige adresse, fx "
            "https://vaerktoejskassen.dk (production settings)."
        )
    return url.rstrip("/")


WAGTAILIMAGES_IMAGE_MODEL = "portal.PortalImage"
