"""Privacy-preserving record linkage: Bloom-filter linkage keys and Dice similarity.

A pure core (no Django). Each identity becomes one cryptographic long-term key (CLK) in
the manner of Schnell, Bachteler and Reiher (2009), "Privacy-preserving record linkage
using Bloom filters", BMC Medical Informatics and Decision Making 9:41:

* the fields are normalised (`normalise`): letters only, lower case, diacritics removed,
  Cyrillic and Greek transliterated, and common transliteration variants folded
  (ph/f, w/v, y/i/j, kh/h, ou/u, c/k/q, z/s, x/ks, doubled letters) so that "Iouri",
  "Yuriy" and "Юрий" come close;
* name parts become padded bigrams in ONE field, so swapped given and family names give
  the same bigrams; birth year, month and day, sex and each nationality are tokens of
  their own, so a typo in one part of the date keeps the rest;
* each token sets `k` bits of a 1024-bit filter by double hashing (bit = h1 + i·h2 mod
  1024), h1 and h2 from HMAC-SHA256 under the installation's secret linkage key: without
  the key nobody can test a guessed name against a filter.

Similarity is the Dice coefficient of two filters, 2·|A∧B| / (|A|+|B|). Blocking keys,
keyed hashes of (1) the birth date, (2) birth month, day, nationality and sex, (3) sex and
the sorted two-letter prefixes of the name parts, (4) each name part's first three letters
with the birth year, restrict comparisons to records sharing at least
one key; a pair missed by all of them is missed by the linkage (the recall we report counts
it). The threshold `THRESHOLD` is calibrated by `tests/test_linkage.py` on generated data.

No maintained library installed cleanly: clkhash (the Data61 implementation) pins
cryptography < 41, which the project's encryption at rest cannot go back to.
"""

# Transliteration tables hold Cyrillic and Greek letters on purpose.
# ruff: noqa: RUF001
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import numpy.typing as npt

BITS = 1024
WORDS = BITS // 64
# Hash functions per token, by field: names carry most of the evidence, spread over many
# bigrams; each date part and the sex are single tokens and need more bits to weigh in, so
# that the same name with a wholly different birth date falls below the threshold.
K_NAME = 8
K_YEAR = 30
K_MONTH = 16
K_DAY = 16
K_SEX = 6
K_NATIONALITY = 8
# Calibrated on generated data (tests/test_linkage.py, docs/exchange.md): at or above it, a
# pair is taken for one person. The best F1 on the calibration lists lies between 0.70 and
# 0.72; the higher end is kept because a false merge hides a victim from the counts.
THRESHOLD = 0.72

_CYRILLIC_FULL = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ё": "io", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ў": "u",
}  # fmt: skip
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
_SPECIAL = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ı": "i"}
_SCRIPT = str.maketrans({**_CYRILLIC_FULL, **_GREEK, **_SPECIAL})
# Transliteration folding, applied in order (longest patterns first).
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"shch|sch|tch", "ch"),
        (r"sh", "ch"),
        (r"kh", "h"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"ou|oo", "u"),
        (r"ck|q|c", "k"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"z", "s"),
        (r"[yj]", "i"),
        (r"(.)\1+", r"\1"),
    )
)
_NON_LETTER = re.compile(r"[^a-z]+")


@lru_cache(maxsize=100_000)
def normalise_token(text: str) -> str:
    """One name part, reduced so that spelling and transliteration variants meet."""
    text = text.lower().translate(_SCRIPT)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_LETTER.sub("", text)
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text


def name_parts(*names: str) -> list[str]:
    """All name parts of all name fields, normalised, sorted: order and field do not matter."""
    parts: list[str] = []
    for name in names:
        for raw in re.split(r"[\s\-',.]+", name or ""):
            token = normalise_token(raw)
            if token:
                parts.append(token)
    return sorted(parts)


@dataclass(frozen=True)
class Identity:
    """What the linkage key is made of; nothing else of the person is used."""

    names: tuple[str, ...]  # given, family (any order)
    birth_date: date | None
    sex: str  # "F", "M" or "" (HTCDS gender folded)
    nationalities: tuple[str, ...]


def sex_of(gender: str) -> str:
    if gender in {"Feminine", "TransgenderFeminine"}:
        return "F"
    if gender in {"Masculine", "TransgenderMasculine"}:
        return "M"
    return ""


def _tokens(identity: Identity) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    for part in name_parts(*identity.names):
        padded = f"_{part}_"
        tokens.extend((f"n:{padded[i : i + 2]}", K_NAME) for i in range(len(padded) - 1))
    if identity.birth_date is not None:
        born = identity.birth_date
        tokens += [(f"y:{born.year}", K_YEAR), (f"m:{born.month}", K_MONTH)]
        tokens.append((f"d:{born.day}", K_DAY))
    if identity.sex:
        tokens.append((f"s:{identity.sex}", K_SEX))
    tokens.extend((f"c:{code}", K_NATIONALITY) for code in sorted(set(identity.nationalities)))
    return tokens


class Encoder:
    """Turns identities into CLKs and blocking keys under one secret key."""

    def __init__(self, secret: bytes) -> None:
        self._key_h1 = hmac.digest(secret, b"open-nrm clk h1", "sha256")
        self._key_block = hmac.digest(secret, b"open-nrm blocking", "sha256")
        self.key_id = hmac.digest(secret, b"open-nrm key id", "sha256").hex()[:16]
        # Bits per token, as a Python integer: records OR them together. Tokens repeat a
        # lot (bigrams, years, countries), so the cache makes encoding cheap.
        self._cache: dict[tuple[str, int], int] = {}

    def _bits(self, token: str, k: int) -> int:
        cached = self._cache.get((token, k))
        if cached is not None:
            return cached
        digest = hmac.digest(self._key_h1, token.encode("utf-8"), "sha256")
        h1 = int.from_bytes(digest[:8], "big") % BITS
        h2 = int.from_bytes(digest[8:16], "big") % (BITS - 1) + 1
        value = 0
        for i in range(k):
            value |= 1 << ((h1 + i * h2) % BITS)
        if len(self._cache) < 500_000:
            self._cache[(token, k)] = value
        return value

    def clk(self, identity: Identity) -> bytes:
        value = 0
        for token, k in _tokens(identity):
            value |= self._bits(token, k)
        return value.to_bytes(BITS // 8, "big")

    def block_keys(self, identity: Identity) -> list[str]:
        keys: list[str] = []
        born = identity.birth_date
        parts = name_parts(*identity.names)
        if born is not None:
            keys.append(f"1:{born.isoformat()}")
            nationality = min(identity.nationalities) if identity.nationalities else ""
            keys.append(f"2:{born.month}|{born.day}|{nationality}|{identity.sex}")
            # Each name part with the birth year: survives swaps, added parts and a day typo.
            keys.extend(f"4:{part[:3]}|{born.year}" for part in set(parts))
        if parts:
            keys.append(f"3:{identity.sex}|" + "|".join(sorted(p[:2] for p in parts)))
        return [
            key[:2] + hmac.digest(self._key_block, key.encode("utf-8"), "sha256").hex()[:16]
            for key in keys
        ]


def secret_from(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


# --- comparison -------------------------------------------------------------------------

Matrix = npt.NDArray[np.uint64]


def as_matrix(clks: Sequence[bytes]) -> Matrix:
    if not clks:
        return np.zeros((0, WORDS), dtype=np.uint64)
    return np.frombuffer(b"".join(clks), dtype=np.uint64).reshape(len(clks), WORDS)


def popcounts(matrix: Matrix) -> npt.NDArray[np.int64]:
    counts: npt.NDArray[np.int64] = np.bitwise_count(matrix).sum(axis=1, dtype=np.int64)
    return counts


def dice(
    a: Matrix,
    b: Matrix,
    left: npt.NDArray[np.int64],
    right: npt.NDArray[np.int64],
    chunk: int = 400_000,
) -> npt.NDArray[np.float64]:
    """Dice similarity of the pairs (a[left[i]], b[right[i]])."""
    count_a, count_b = popcounts(a), popcounts(b)
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), chunk):
        i = left[start : start + chunk]
        j = right[start : start + chunk]
        common = np.bitwise_count(a[i] & b[j]).sum(axis=1, dtype=np.int64)
        total = count_a[i] + count_b[j]
        out[start : start + chunk] = np.divide(
            2.0 * common, total, out=np.zeros(len(i)), where=total > 0
        )
    return out


def candidate_pairs(
    keys_a: Sequence[Iterable[str]], keys_b: Sequence[Iterable[str]] | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Index pairs sharing a blocking key: across two lists, or within one (i < j)."""
    groups_a: dict[str, list[int]] = defaultdict(list)
    for index, keys in enumerate(keys_a):
        for key in keys:
            groups_a[key].append(index)
    lefts: list[npt.NDArray[np.int64]] = []
    rights: list[npt.NDArray[np.int64]] = []
    if keys_b is None:
        for members in groups_a.values():
            if len(members) < 2:
                continue
            m = np.asarray(members, dtype=np.int64)
            i, j = np.triu_indices(len(m), k=1)
            lefts.append(m[i])
            rights.append(m[j])
        width = len(keys_a)
    else:
        groups_b: dict[str, list[int]] = defaultdict(list)
        for index, keys in enumerate(keys_b):
            for key in keys:
                groups_b[key].append(index)
        for key, members in groups_a.items():
            others = groups_b.get(key)
            if not others:
                continue
            m = np.asarray(members, dtype=np.int64)
            o = np.asarray(others, dtype=np.int64)
            lefts.append(np.repeat(m, len(o)))
            rights.append(np.tile(o, len(m)))
        width = len(keys_b)
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    # A pair found by several keys is compared once; sorting beats numpy's hash-based
    # unique here by a factor of about eight.
    codes = np.concatenate(lefts) * max(width, 1) + np.concatenate(rights)
    codes.sort()
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    return codes // max(width, 1), codes % max(width, 1)


def link_two_lists(
    clks_a: Sequence[bytes],
    keys_a: Sequence[Iterable[str]],
    clks_b: Sequence[bytes],
    keys_b: Sequence[Iterable[str]],
    threshold: float = THRESHOLD,
) -> list[tuple[int, int, float]]:
    """One-to-one matches between two lists: greedy by descending similarity."""
    left, right = candidate_pairs(keys_a, keys_b)
    scores = dice(as_matrix(clks_a), as_matrix(clks_b), left, right)
    keep = scores >= threshold
    left, right, scores = left[keep], right[keep], scores[keep]
    order = np.argsort(-scores, kind="stable")
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches: list[tuple[int, int, float]] = []
    for index in order:
        i, j = int(left[index]), int(right[index])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matches.append((i, j, float(scores[index])))
    return matches


def clusters(
    clks: Sequence[bytes], keys: Sequence[Iterable[str]], threshold: float = THRESHOLD
) -> list[int]:
    """Within one list: the cluster (a representative index) of each record, union-find."""
    parent = list(range(len(clks)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    left, right = candidate_pairs(keys)
    if len(left):
        matrix = as_matrix(clks)
        scores = dice(matrix, matrix, left, right)
        for i, j in zip(left[scores >= threshold], right[scores >= threshold], strict=True):
            root_i, root_j = find(int(i)), find(int(j))
            if root_i != root_j:
                parent[max(root_i, root_j)] = min(root_i, root_j)
    return [find(i) for i in range(len(clks))]


def similarity(clk_a: bytes, clk_b: bytes) -> float:
    a, b = as_matrix([clk_a]), as_matrix([clk_b])
    zero = np.zeros(1, dtype=np.int64)
    return float(dice(a, b, zero, zero)[0])


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    true_matches: int
    found: int
    correct: int


def quality(found: Iterable[tuple[int, int]], truth: Iterable[tuple[int, int]]) -> Quality:
    found_set, truth_set = set(found), set(truth)
    correct = len(found_set & truth_set)
    return Quality(
        precision=correct / len(found_set) if found_set else 1.0,
        recall=correct / len(truth_set) if truth_set else 1.0,
        true_matches=len(truth_set),
        found=len(found_set),
        correct=correct,
    )
