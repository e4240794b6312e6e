"""The test suite's settings: the normal settings in ``test`` mode."""

from __future__ import annotations

import os

os.environ["NRM_ENV"] = "test"
os.environ.setdefault("NRM_DEMO", "false")

from nrm.settings import *  # noqa: F403
