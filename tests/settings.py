"""Settings for the test suite: the production settings with test-only conveniences."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from buurtpeil.config.settings import *  # noqa: F403
from buurtpeil.config.settings import STORAGES

# Static files straight from the apps, so tests need no collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Fast password hashing for the many users tests create.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads (logos) go to a scratch folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="buurtpeil-media-"))
# Staff log in with their password only unless a test asks for two-factor authentication
# (tests/organisations/test_two_factor.py); production requires it (STAFF_2FA_REQUIRED).
STAFF_2FA_REQUIRED = False
