"""`python -m nrm.pathway simulate EVENTS.json ...`, without Django."""

from __future__ import annotations

import sys

from nrm.pathway.cli import main

sys.exit(main())
