"""`make bench`: run every benchmark script in this folder and print their figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    status = 0
    scripts = [
        *here.glob("bench_*.py"),
        *here.glob("statistics*.py"),
        *here.glob("exchange_*.py"),
        here / "pages.py",  # the daily pages served at volume (issue 17)
    ]
    for script in sorted(scripts):
        print(f"== {script.name}", flush=True)
        status |= subprocess.call([sys.executable, str(script)], cwd=here.parent)  # noqa: S603
    return status


if __name__ == "__main__":
    sys.exit(main())
