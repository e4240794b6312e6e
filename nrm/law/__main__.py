"""`python -m nrm.law FACTS.json ...`, without Django."""

from __future__ import annotations

import sys

from nrm.law.cli import main

sys.exit(main())
