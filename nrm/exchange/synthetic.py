"""Generated files in the CTDC layouts, for tests and benchmarks.

The CTDC datasets themselves may not be redistributed (DATA.md, "Licence boundary"): no
CTDC row is ever committed. These files have the same header and coding, with values
drawn from a seeded generator; they describe no one.
"""

# Transliteration tables hold Cyrillic and Greek letters on purpose.
# ruff: noqa: RUF001
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nrm.exchange import ctdc
from nrm.exchange.linkage import Identity

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


# --- identities for the linkage calibration and benchmark ------------------------------

_LATIN_LOCALES = ("ro_RO", "pt_BR", "fr_FR", "nl_NL", "pl_PL", "tr_TR", "vi_VN", "es_ES")
_CYRILLIC_LOCALES = ("bg_BG", "uk_UA", "ru_RU")
_NATIONALITY = {
    "ro_RO": "RO", "pt_BR": "BR", "fr_FR": "MA", "nl_NL": "BE", "pl_PL": "PL",
    "tr_TR": "TR", "vi_VN": "VN", "es_ES": "ES", "bg_BG": "BG", "uk_UA": "UA", "ru_RU": "MD",
}  # fmt: skip
# A second, French-style way of writing Cyrillic names in Latin letters.
_SECOND_SCHEME = {
    "ю": "iou", "я": "ia", "й": "i", "х": "kh", "ж": "j", "ч": "tch", "ш": "ch", "щ": "chtch",
    "у": "ou", "ы": "y", "є": "ie", "ї": "i", "и": "i", "ц": "ts",
}  # fmt: skip
_VARIANTS = (("ph", "f"), ("f", "ph"), ("w", "v"), ("v", "w"), ("i", "y"), ("y", "i"),
             ("c", "k"), ("k", "c"), ("u", "ou"), ("ll", "l"), ("s", "ss"), ("j", "y"))  # fmt: skip


@dataclass(frozen=True)
class NamePools:
    by_locale: dict[str, tuple[list[str], list[str], list[str]]]  # female, male, family


def name_pools(seed: int = 7, size: int = 1000) -> NamePools:
    """Given and family names drawn once from Faker's locales (seeded; no real persons)."""
    from faker import Faker

    pools: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for locale in _LATIN_LOCALES + _CYRILLIC_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        female = sorted({fake.first_name_female() for _ in range(size)})
        male = sorted({fake.first_name_male() for _ in range(size)})
        family = sorted({fake.last_name() for _ in range(size)})
        pools[locale] = (female, male, family)
    return NamePools(pools)


def _latin(text: str, scheme: dict[str, str] | None = None) -> str:
    from nrm.exchange.linkage import _SCRIPT

    if scheme:
        text = "".join(scheme.get(ch.lower(), ch) for ch in text)
    out = text.lower().translate(_SCRIPT)
    return out[:1].upper() + out[1:]


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + rng.choice("aeiou")
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + letter + word[i:]
    if kind == 2:
        return word[:i] + letter + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _variant(rng: random.Random, word: str) -> str:
    options = [(a, b) for a, b in _VARIANTS if a in word.lower()]
    if not options:
        return _strip_accents(word) if _strip_accents(word) != word else word + "e"
    a, b = rng.choice(options)
    lowered = word.lower().replace(a, b, 1)
    return lowered[:1].upper() + lowered[1:]


def _strip_accents(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass
class _Truth:
    names_original: tuple[str, str]
    cyrillic: bool
    identity: Identity


def _person(rng: random.Random, pools: NamePools) -> _Truth:
    locale = rng.choice(_LATIN_LOCALES + _CYRILLIC_LOCALES)
    female_names, male_names, family_names = pools.by_locale[locale]
    sex = rng.choice("FM")
    given = rng.choice(female_names if sex == "F" else male_names)
    family = rng.choice(family_names)
    born = date(rng.randint(1960, 2008), rng.randint(1, 12), rng.randint(1, 28))
    cyrillic = locale in _CYRILLIC_LOCALES
    shown = (_latin(given), _latin(family)) if cyrillic else (given, family)
    identity = Identity(shown, born, sex, (_NATIONALITY[locale],))
    return _Truth((given, family), cyrillic, identity)


def _corrupt(rng: random.Random, truth: _Truth) -> Identity:
    """The same person as another organisation recorded them: one to three changes."""
    given, family = truth.identity.names
    born = truth.identity.birth_date
    nationalities = truth.identity.nationalities
    for change in rng.sample(range(6), rng.randint(1, 3)):
        if change == 0:  # typing error in one name part
            if rng.random() < 0.5:
                given = _typo(rng, given)
            else:
                family = _typo(rng, family)
        elif change == 1:  # another transliteration
            if truth.cyrillic:
                original_given, original_family = truth.names_original
                if rng.random() < 0.5:
                    given, family = original_given, original_family  # in Cyrillic script
                else:
                    given = _latin(original_given, _SECOND_SCHEME)
                    family = _latin(original_family, _SECOND_SCHEME)
            else:
                given, family = _variant(rng, given), _strip_accents(family)
        elif change == 2:  # given and family name swapped
            given, family = family, given
        elif change == 3 and born is not None:  # a date written differently
            if born.day <= 12 and rng.random() < 0.5:
                born = date(born.year, born.day, born.month)
            elif rng.random() < 0.5:
                born = date(born.year + rng.choice((-1, 1)), born.month, born.day)
            else:
                born = date(born.year, born.month, max(1, min(28, born.day + rng.choice((-1, 1)))))
        elif change == 4:  # nationality not recorded
            nationalities = ()
        elif change == 5:  # a second family name added
            family = f"{family} {rng.choice(('Maria', 'Ion', 'Ali', 'Nguyen', 'Silva'))}"
    return Identity((given, family), born, truth.identity.sex, nationalities)


def linkage_lists(
    size_a: int, size_b: int, overlap: int, *, seed: int = 11, pools: NamePools | None = None
) -> tuple[list[Identity], list[Identity], list[tuple[int, int]]]:
    """Two lists of identities; `overlap` persons are in both, the second copy corrupted.

    Returns (list A, list B, true pairs (index in A, index in B)).
    """
    rng = random.Random(seed)
    pools = pools or name_pools()
    people = [_person(rng, pools) for _ in range(size_a)]
    list_a = [p.identity for p in people]
    shared = rng.sample(range(size_a), overlap)
    list_b = [_corrupt(rng, people[i]) for i in shared]
    list_b += [_person(rng, pools).identity for _ in range(size_b - overlap)]
    order = list(range(size_b))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    shuffled = [list_b[old] for old in order]
    truth = [(a, position[b]) for b, a in enumerate(shared)]
    return list_a, shuffled, truth
