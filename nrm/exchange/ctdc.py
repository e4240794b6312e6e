"""The two CTDC victim-level layouts (DATA.md §5 and §6): detection, validation, normalisation.

A pure core (no Django): it turns CSV rows into `CtdcRow` tuples ready for the database, or
into `RowError`s that name the line, the column and the value. The importer
(`nrm.exchange.actions.ctdc_import`) decides what to do with them.

* **2020 k-anonymised** global dataset: comma or semicolon separated, column 0 is the
  terms-of-use sentence (always empty in the rows), 63 named columns, `-99` or an empty cell
  for missing, ISO 3166-1 alpha-2 countries.
* **2024 synthetic** dataset: 27 variables, alpha-3 countries, flags `1` or empty.

Both are normalised to one shape so that the rapporteur queries one table: countries as
alpha-2, gender in the HTCDS `prs_Gender` vocabulary, age bands with a double hyphen
(`18--20`), and the binary variables packed into two integers (`flags_set`: the flag is 1;
`flags_known`: the flag has a value), with one bit per name in `FLAGS`. The `*Concatenated`
columns are accepted and not stored: DATA.md §5 says to re-derive them from the flags.
"""

from __future__ import annotations

import datetime
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pycountry

from nrm.core.text import Message, _


class Layout(StrEnum):
    CTDC_2020 = "CTDC_2020"
    CTDC_2024 = "CTDC_2024"


TERMS_PREFIX = "By using this data"

# One bit per binary variable, shared by both layouts where the name is the same. The order
# is stored data: append only, never reorder (a bit's meaning must not change under rows).
FLAGS: tuple[str, ...] = (
    # 2020 means of control (18)
    "meansOfControlDebtBondage",
    "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess",
    "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse",
    "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances",
    "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare",
    "meansOfControlExcessiveWorkingHours",
    "meansOfControlUsesChildren",
    "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments",
    "meansOfControlOther",
    "meansOfControlNotSpecified",
    # type of exploitation (8)
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSexAndLabour",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
    "isSlaveryAndPractices",
    # sector of forced labour (13)
    "typeOfLabourAgriculture",
    "typeOfLabourAquafarming",
    "typeOfLabourBegging",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfLabourIllicitActivities",
    "typeOfLabourManufacturing",
    "typeOfLabourMiningOrDrilling",
    "typeOfLabourPeddling",
    "typeOfLabourTransportation",
    "typeOfLabourOther",
    "typeOfLabourNotSpecified",
    # type of sexual exploitation (4), abduction, recruiter relation (5)
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices",
    "isAbduction",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "recruiterRelationUnknown",
    # 2024 merged means of control (8)
    "meansDebtBondageEarnings",
    "meansThreats",
    "meansAbusePsyPhySex",
    "meansFalsePromises",
    "meansDrugsAlcohol",
    "meansDenyBasicNeeds",
    "meansExcessiveWorkHours",
    "meansWithholdDocs",
)
assert len(FLAGS) < 63  # two signed 64-bit columns hold them
FLAG_BIT: dict[str, int] = {name: 1 << i for i, name in enumerate(FLAGS)}

TEXT_2020 = (
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "majorityStatusAtExploit",
    "majorityEntry",
    "citizenship",
    "CountryOfExploitation",
    "RecruiterRelationship",
)
DERIVED_2020 = (
    "meansOfControlConcatenated",
    "typeOfExploitConcatenated",
    "typeOfLabourConcatenated",
    "typeOfSexConcatenated",
)
FLAGS_2020 = FLAGS[:49]
COLUMNS_2020 = frozenset(TEXT_2020 + DERIVED_2020 + FLAGS_2020)

TEXT_2024 = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
)
FLAGS_2024 = (
    *FLAGS[49:],
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "typeOfLabourAgriculture",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
)
COLUMNS_2024 = frozenset(TEXT_2024 + FLAGS_2024)
assert len(COLUMNS_2024) == 27
# The codebook itself spells this variable two ways (DATA.md §6).
ALIASES_2024 = {"meansWithholdDocuments": "meansWithholdDocs"}

AGE_BANDS = ("0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+")
MAJORITY = frozenset({"Adult", "Minor", "Unknown"})
DATASOURCES = frozenset({"Case Management", "Hotline"})
TRAFFICK_MONTHS = ("0--12 (0-1 yr)", "13--24 (1-2 yrs)", "25+ (2+ yrs)")
# CTDC gender words in the HTCDS prs_Gender vocabulary.
GENDERS_2020 = {"Female": "Feminine", "Male": "Masculine", "Transgender": "NonConforming"}
GENDERS_2024 = {
    "Woman": "Feminine",
    "Man": "Masculine",
    "Trans/Transgender/NonConforming": "NonConforming",
}
# Codes in the CTDC files that are not current ISO 3166-1 but are documented in its
# dictionary: Zaire and the dictionary's own placeholder Y2 are kept as given.
EXTRA_ALPHA2 = frozenset({"ZR", "Y2", "XK"})
ALPHA2 = frozenset(c.alpha_2 for c in pycountry.countries) | EXTRA_ALPHA2
ALPHA3_TO_2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries} | {"XKX": "XK"}


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1 = the header line
    column: str
    value: str
    message: Message


class FileError(Exception):
    """The file cannot be read as a CTDC file at all (header, encoding, CSV syntax)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message.render())
        self.error = error


# year, datasource, gender, age_broad, majority_status, majority_status_at_exploit,
# majority_entry, citizenship, country_of_exploitation, traffick_months, flags_set, flags_known
CtdcRow = tuple[
    int | None, str, str, str, str, str, str, str, str, str, int, int
]
STORED_COLUMNS = (
    "year_of_registration",
    "datasource",
    "gender",
    "age_broad",
    "majority_status",
    "majority_status_at_exploit",
    "majority_entry",
    "citizenship",
    "country_of_exploitation",
    "traffick_months",
    "flags_set",
    "flags_known",
)


class _Bad(Exception):
    def __init__(self, message: Message) -> None:
        self.message = message


def _dash(value: str) -> str:
    # The 2024 codebook prints the bands with an em or en dash; the files use "--".
    return value.replace("\u2014", "--").replace("\u2013", "--")


def _year(value: str) -> int | None:
    if not (len(value) == 4 and value.isdigit()):
        raise _Bad(Message(_("A year of registration has four digits.")))
    year = int(value)
    if not 1990 <= year <= datetime.date.today().year:  # noqa: DTZ011 - a calendar year
        raise _Bad(Message(_("The year of registration is out of range.")))
    return year


def _choice(allowed: Iterable[str]) -> Callable[[str], str]:
    allowed_set = frozenset(allowed)

    def check(value: str) -> str:
        value = _dash(value)
        if value not in allowed_set:
            raise _Bad(
                Message(
                    _("Expected one of: %(allowed)s."), {"allowed": ", ".join(sorted(allowed_set))}
                )
            )
        return value

    return check


def _mapped(mapping: dict[str, str]) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            return mapping[value]
        except KeyError:
            raise _Bad(
                Message(_("Expected one of: %(allowed)s."), {"allowed": ", ".join(sorted(mapping))})
            ) from None

    return check


def _alpha2(value: str) -> str:
    if value in {"0", "00"}:
        return ""  # "unknown country" in the 2020 dictionary (DATA.md §5)
    if value not in ALPHA2:
        raise _Bad(Message(_("Not an ISO 3166-1 alpha-2 country code.")))
    return value


def _alpha3(value: str) -> str:
    try:
        return ALPHA3_TO_2[value]
    except KeyError:
        raise _Bad(Message(_("Not an ISO 3166-1 alpha-3 country code."))) from None


def _majority_entry(value: str) -> str:
    value = _dash(value)
    if value in MAJORITY or value in AGE_BANDS:
        return value
    raise _Bad(Message(_("Expected Adult, Minor, Unknown or an age band.")))


def _free_text(value: str) -> str:
    return value


Check = Callable[[str], object]
TEXT_CHECKS_2020: dict[str, Check] = {
    "yearOfRegistration": _year,
    "Datasource": _choice(DATASOURCES),
    "gender": _mapped(GENDERS_2020),
    "ageBroad": _choice(AGE_BANDS),
    "majorityStatus": _choice(MAJORITY),
    "majorityStatusAtExploit": _choice(MAJORITY),
    "majorityEntry": _majority_entry,
    "citizenship": _alpha2,
    "CountryOfExploitation": _alpha2,
    "RecruiterRelationship": _free_text,  # Polaris free list; mirrored by the flags
}
TEXT_CHECKS_2024: dict[str, Check] = {
    "yearOfRegistration": _year,
    "gender": _mapped(GENDERS_2024),
    "ageBroad": _choice(AGE_BANDS),
    "citizenship": _alpha3,
    "CountryOfExploitation": _alpha3,
    "traffickMonths": _choice(TRAFFICK_MONTHS),
}
# Position of each stored text value in CtdcRow.
SLOT = {
    "yearOfRegistration": 0,
    "Datasource": 1,
    "gender": 2,
    "ageBroad": 3,
    "majorityStatus": 4,
    "majorityStatusAtExploit": 5,
    "majorityEntry": 6,
    "citizenship": 7,
    "CountryOfExploitation": 8,
    "traffickMonths": 9,
}
MISSING_2020 = frozenset({"", "-99"})
MISSING_2024 = frozenset({"", "NULL"})
FLAG_VALUES_2020 = frozenset({"0", "1"})
FLAG_VALUES_2024 = frozenset({"0", "1"})


@dataclass(frozen=True)
class Header:
    layout: Layout
    names: tuple[str, ...]  # one per column, "" for the terms-of-use column
    skip_first: bool


def detect_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_header(cells: Sequence[str]) -> Header:
    """Which layout this header is, or a FileError naming the unknown or missing column."""
    names = [cell.strip().lstrip("\ufeff") for cell in cells]
    skip_first = bool(names) and (names[0] == "" or names[0].startswith(TERMS_PREFIX))
    named = names[1:] if skip_first else names
    named = [ALIASES_2024.get(n, n) for n in named]
    in_2024 = sum(n in COLUMNS_2024 and n not in COLUMNS_2020 for n in named)
    layout = Layout.CTDC_2024 if in_2024 else Layout.CTDC_2020
    expected = COLUMNS_2024 if layout == Layout.CTDC_2024 else COLUMNS_2020
    seen: set[str] = set()
    for name in named:
        if name not in expected:
            raise FileError(
                RowError(1, name, name, Message(_("Unknown column for the %(layout)s layout."),
                                                {"layout": layout.value}))
            )
        if name in seen:
            raise FileError(RowError(1, name, name, Message(_("This column appears twice."))))
        seen.add(name)
    # Every text column must be there; a missing flag column is only "not collected".
    required = TEXT_2024 if layout == Layout.CTDC_2024 else TEXT_2020
    for name in required:
        if name not in seen:
            raise FileError(
                RowError(1, name, "", Message(_("This column is missing from the header.")))
            )
    full = ("", *named) if skip_first else tuple(named)
    return Header(layout=layout, names=full, skip_first=skip_first)


class _Scatter:
    """Moves bit i of a layout-local integer to the global bit of its flag (FLAGS order).

    Byte-wise lookup tables: eight table look-ups instead of one test per flag and row.
    """

    def __init__(self, global_bits: Sequence[int]) -> None:
        self.identity = list(global_bits) == [1 << i for i in range(len(global_bits))]
        self.tables: list[list[int]] = []
        for start in range(0, len(global_bits), 8):
            chunk = global_bits[start : start + 8]
            table = []
            for byte in range(256):
                value = 0
                for i, bit in enumerate(chunk):
                    if byte >> i & 1:
                        value |= bit
                table.append(value)
            self.tables.append(table)

    def __call__(self, local: int) -> int:
        if self.identity:
            return local
        out = 0
        for table in self.tables:
            out |= table[local & 0xFF]
            local >>= 8
        return out


# A flag cell as one letter: s(et), k(nown zero), m(issing); unknown values have none.
_SET_DIGITS = str.maketrans({"s": "1", "k": "0", "m": "0"})
_KNOWN_DIGITS = str.maketrans({"s": "1", "k": "1", "m": "0"})
_NO_VALUE = object()
# Distinct flag patterns remembered per file (about 10 MB at most).
FLAG_CACHE_SIZE = 50_000


class RowReader:
    """Validates and normalises the rows of one file; collects every error.

    The hot path is written for a million rows: text values are checked once per distinct
    value and column (cached), and the flags of a row become one string of letters turned
    into two integers by C-level string operations; the slow, exact path runs only for a
    row that has an error.
    """

    def __init__(self, header: Header) -> None:
        self.header = header
        is_2024 = header.layout == Layout.CTDC_2024
        checks = TEXT_CHECKS_2024 if is_2024 else TEXT_CHECKS_2020
        self.missing = MISSING_2024 if is_2024 else MISSING_2020
        self.flag_values = FLAG_VALUES_2024 if is_2024 else FLAG_VALUES_2020
        self.width = len(header.names)
        self.text: list[tuple[int, str, Check, int | None, dict[str, object]]] = []
        self.flags: list[tuple[int, str, int]] = []
        self.empty_first = header.skip_first
        for index, name in enumerate(header.names):
            if index == 0 and header.skip_first:
                continue
            if name in checks:
                self.text.append((index, name, checks[name], SLOT.get(name), {}))
            elif name in FLAG_BIT:
                self.flags.append((index, name, FLAG_BIT[name]))
        indexes = [index for index, _name, _bit in self.flags]
        self._flag_cells: Callable[[Sequence[str]], tuple[str, ...]]
        if len(indexes) > 1:
            self._flag_cells = operator.itemgetter(*indexes)
        else:
            self._flag_cells = lambda cells: tuple(cells[i] for i in indexes)
        self._scatter = _Scatter([bit for _index, _name, bit in self.flags])
        self._letters = {"1": "s", "0": "k"} | dict.fromkeys(self.missing, "m")
        self._flag_cache: dict[str, tuple[int, int]] = {}
        # Text columns: one cache per column from the raw cell to its normalised value
        # (or a _Bad); `_slots` puts the looked-up values in CtdcRow order, with the
        # defaults of the slots this layout lacks appended after them.
        text_indexes = [index for index, *_rest in self.text]
        self._text_cells: Callable[[Sequence[str]], tuple[str, ...]] = (
            operator.itemgetter(*text_indexes, 0)  # the trailing 0 keeps it a tuple
        )
        self._caches = [cache for *_rest, cache in self.text]
        self._bad: set[object] = set()
        position = {slot: i for i, (*_a, slot, _c) in enumerate(self.text) if slot is not None}
        width = len(self.text)
        self._slots = operator.itemgetter(
            *[position.get(slot, width + (0 if slot == 0 else 1)) for slot in range(10)]
        )

    def _text_value(self, raw: str, check: Check, slot: int | None) -> object:
        value = raw.strip()
        if value in self.missing:
            return None if slot == 0 else ""
        try:
            return check(value)
        except _Bad as bad:
            self._bad.add(bad)
            return bad

    def row(self, line: int, cells: list[str], errors: list[RowError]) -> CtdcRow | None:
        """The normalised row, or None after appending its errors."""
        if len(cells) != self.width:
            errors.append(
                RowError(
                    line,
                    "",
                    str(len(cells)),
                    Message(
                        _("This line has %(found)s cells; the header has %(expected)s."),
                        {"found": len(cells), "expected": self.width},
                    ),
                )
            )
            return None
        bad = False
        raws = self._text_cells(cells)
        got = list(map(dict.get, self._caches, raws, itertools.repeat(_NO_VALUE)))
        if _NO_VALUE in got:
            for i, (_index, _name, check, slot, cache) in enumerate(self.text):
                if got[i] is _NO_VALUE:
                    got[i] = self._text_value(raws[i], check, slot)
                    if len(cache) < 10_000:
                        cache[raws[i]] = got[i]
        if self._bad and not self._bad.isdisjoint(got):
            bad = True
            for i, (_index, name, _check, _slot, _cache) in enumerate(self.text):
                if isinstance(got[i], _Bad):
                    errors.append(RowError(line, name, raws[i].strip(), got[i].message))  # type: ignore[attr-defined]
        # The flags of a row: most files repeat few patterns (most flags missing), so the
        # packed pair is cached by the raw cells joined (one C-level join; only valid
        # patterns are cached, and a valid pattern's cells hold no tab).
        flag_cells = self._flag_cells(cells)
        key = "\t".join(flag_cells)
        packed = self._flag_cache.get(key)
        if packed is None:
            pattern: str | None
            try:
                pattern = "".join(map(self._letters.__getitem__, flag_cells))
            except KeyError:
                pattern = self._slow_flags(line, cells, errors)
            if pattern is None:
                bad = True
            else:
                packed = self._pack(pattern)
                if len(self._flag_cache) < FLAG_CACHE_SIZE:
                    self._flag_cache[key] = packed
        if self.empty_first and cells[0] and cells[0].strip():
            errors.append(
                RowError(
                    line,
                    self.header.names[0][:40],
                    cells[0],
                    Message(_("The terms-of-use column must be empty.")),
                )
            )
            bad = True
        if bad or packed is None:
            return None
        got.append(None)
        got.append("")
        return (*self._slots(got), *packed)

    def _pack(self, pattern: str) -> tuple[int, int]:
        """The letters of a row's flags as (flags_set, flags_known) in FLAGS bit order."""
        reverse = "m" + pattern[::-1]  # the leading "m" (a 0) keeps int() happy with no flags
        flags_set = int(reverse.translate(_SET_DIGITS), 2)
        flags_known = int(reverse.translate(_KNOWN_DIGITS), 2)
        if not self._scatter.identity:
            flags_set, flags_known = self._scatter(flags_set), self._scatter(flags_known)
        return flags_set, flags_known

    def _slow_flags(self, line: int, cells: list[str], errors: list[RowError]) -> str | None:
        """The exact check, cell by cell: spaces around a value are tolerated."""
        letters: list[str] = []
        ok = True
        for index, name, _bit in self.flags:
            raw = cells[index].strip()
            if raw in self.missing:
                letters.append("m")
            elif raw in self.flag_values:
                letters.append("s" if raw == "1" else "k")
            else:
                errors.append(RowError(line, name, raw, Message(_("A flag is 0, 1 or missing."))))
                ok = False
        return "".join(letters) if ok else None


def flags_of(flags_set: int) -> list[str]:
    return [name for name, bit in FLAG_BIT.items() if flags_set & bit]


