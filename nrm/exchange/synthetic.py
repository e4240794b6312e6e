"""Generated files in the CTDC layouts, for tests and benchmarks.

The CTDC datasets themselves may not be redistributed (DATA.md, "Licence boundary"): no
CTDC row is ever committed. These files have the same header and coding, with values
drawn from a seeded generator; they describe no one.
"""

from __future__ import annotations

import random
from pathlib import Path

from nrm.exchange import ctdc

_COUNTRIES_2 = ("RO", "BG", "MA", "NG", "VN", "UA", "BR", "IN", "PH", "NA", "US", "ID")
_TERMS = (
    "By using this data you agree to the Terms of Use: "
    "https://www.ctdatacollaborative.org/terms-use"
)


def ctdc_2020_header() -> list[str]:
    flags = list(ctdc.FLAGS_2020)
    # The published order (DATA.md §5): identification, means, types, sectors, relations.
    return [
        _TERMS,
        "yearOfRegistration",
        "Datasource",
        "gender",
        "ageBroad",
        "majorityStatus",
        "majorityStatusAtExploit",
        "majorityEntry",
        "citizenship",
        *flags[:18],
        "meansOfControlConcatenated",
        *flags[18:26],
        "typeOfExploitConcatenated",
        *flags[26:39],
        "typeOfLabourConcatenated",
        *flags[39:43],
        "typeOfSexConcatenated",
        flags[43],
        "RecruiterRelationship",
        "CountryOfExploitation",
        *flags[44:49],
    ]


def ctdc_2020_row(rng: random.Random, missing: str, header: list[str]) -> list[str]:
    row: list[str] = []
    for name in header:
        if name == _TERMS:
            row.append("")
        elif name == "yearOfRegistration":
            row.append(str(rng.randint(2002, 2019)))
        elif name == "Datasource":
            row.append(rng.choice(("Case Management", "Hotline")))
        elif name == "gender":
            row.append(rng.choice(("Female", "Male", missing)))
        elif name == "ageBroad":
            row.append(rng.choice((*ctdc.AGE_BANDS, missing)))
        elif name in {"majorityStatus", "majorityStatusAtExploit"}:
            row.append(rng.choice(("Adult", "Minor", "Unknown", missing)))
        elif name == "majorityEntry":
            row.append(rng.choice(("Adult", "Minor", missing)))
        elif name in {"citizenship", "CountryOfExploitation"}:
            row.append(rng.choice((*_COUNTRIES_2, "00", missing)))
        elif name.endswith("Concatenated"):
            row.append(rng.choice(("Threats;Physical abuse", "Forced labour", missing)))
        elif name == "RecruiterRelationship":
            row.append(rng.choice(("Friend/Acquaintance", "Family/Relative", missing)))
        else:
            row.append(rng.choice(("0", "1", "0", missing)))
    return row


def ctdc_2024_header() -> list[str]:
    return [*ctdc.TEXT_2024, *ctdc.FLAGS_2024]


def ctdc_2024_row(rng: random.Random) -> list[str]:
    row: list[str] = []
    for name in ctdc_2024_header():
        if name == "yearOfRegistration":
            row.append(str(rng.randint(2002, 2022)))
        elif name == "gender":
            row.append(rng.choice(("Woman", "Man", "Trans/Transgender/NonConforming", "")))
        elif name == "ageBroad":
            row.append(rng.choice((*ctdc.AGE_BANDS, "")))
        elif name in {"citizenship", "CountryOfExploitation"}:
            row.append(rng.choice(("ROU", "BGR", "UKR", "PHL", "USA", "NAM", "")))
        elif name == "traffickMonths":
            row.append(rng.choice((*ctdc.TRAFFICK_MONTHS, "")))
        else:
            row.append(rng.choice(("1", "")))
    return row


def write_ctdc(
    path: Path,
    *,
    layout: ctdc.Layout,
    rows: int,
    seed: int = 1,
    delimiter: str = ",",
    missing: str = "-99",
) -> Path:
    """A CTDC-layout file of `rows` generated rows (streamed: constant memory)."""
    import csv

    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        if layout == ctdc.Layout.CTDC_2020:
            header = ctdc_2020_header()
            writer.writerow(header)
            for _ in range(rows):
                writer.writerow(ctdc_2020_row(rng, missing, header))
        else:
            writer.writerow(ctdc_2024_header())
            for _ in range(rows):
                writer.writerow(ctdc_2024_row(rng))
    return path
