from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
SEARCH_INDEX_PREFIX = "test-vaerktoejskassen"
# The test run's Elasticsearch is the stripped integ-test distribution, with
# the Danish dictionary that scripts/elasticsearch installs.
SEARCH_ANALYSIS_PROFILE = "hunspell"
# The suite searches the database; tests that need Elasticsearch opt in with
# their own index prefix (tests/search), so no test depends on a shared index.
SEARCH_BACKEND = "database"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
