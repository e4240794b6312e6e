"""A keyed blind index of names: search encrypted identities without decrypting them.

Names are encrypted at rest, so SQL cannot compare them. Instead, each person gets a set of
opaque tokens: HMAC-SHA256 under an installation secret of a normalised name word, of its
first letters, of its sound (metaphone) and of the birth year. A search computes the same
tokens from what the user typed and looks them up by equality. Without the secret the tokens
reveal nothing a dictionary attack could not already find in the encrypted columns' absence;
with the secret, guessing needs the candidate name. The secret is never the field encryption
key (a leaked search secret must not decrypt anything) — see `nrm.people.search`.

Normalisation makes the search forgiving the way caseworkers need it to be:
- accents and scripts: every script is transliterated to ASCII (`anyascii`): "Dragoș" and
  "Dragos", "Ионов" and "Ionov", "Nguyễn" and "Nguyen" give the same word;
- partial: the first 3 to 8 letters of each word ("Pope" finds "Popescu");
- misspelt: the metaphone key ("Popesku", "Popscu" and "Popescu" all sound PPSK);
- order-free: each word is matched against every name word (given, family, other).

Pure: no Django. The weights rank exact words above prefixes above sounds.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

import jellyfish
from anyascii import anyascii

EXACT = 3
PREFIX = 2
SOUND = 1
YEAR = 3

MIN_PREFIX = 3
# Longer prefixes add rows without making a search more precise: a query word longer than
# this is matched on its first MAX_PREFIX letters (and exactly, and by sound).
MAX_PREFIX = 8
# A search is a handful of words; more is a paste accident, not a name.
MAX_QUERY_WORDS = 6

_NON_WORD = re.compile(r"[^a-z0-9]+")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Token:
    value: str
    weight: int


def words(text: str) -> list[str]:
    """Lower-case ASCII words of a name, in order, without duplicates."""
    seen: list[str] = []
    for word in _NON_WORD.split(anyascii(text).lower()):
        if word and word not in seen:
            seen.append(word)
    return seen


class BlindIndex:
    """Tokens of one installation's secret. `key_id` names the secret without revealing it,
    so that tokens made under an older secret are found and rebuilt."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret
        self.key_id = hmac.new(secret, b"open-nrm name index key id", hashlib.sha256).hexdigest()[
            :16
        ]

    def _token(self, kind: str, value: str) -> str:
        message = f"{kind}:{value}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def person_tokens(self, names: Iterable[str], birth_year: int | None) -> list[Token]:
        """Every token of a person; each value once, at its highest weight."""
        best: dict[str, int] = {}

        def add(value: str, weight: int) -> None:
            if best.get(value, 0) < weight:
                best[value] = weight

        for name in names:
            for word in words(name):
                add(self._token("word", word), EXACT)
                for length in range(MIN_PREFIX, min(len(word) - 1, MAX_PREFIX) + 1):
                    add(self._token("prefix", word[:length]), PREFIX)
                sound = jellyfish.metaphone(word)
                if sound:
                    add(self._token("sound", sound), SOUND)
        if birth_year is not None:
            add(self._token("year", str(birth_year)), YEAR)
        return [Token(value, weight) for value, weight in sorted(best.items())]

    def query_groups(self, query: str) -> list[list[str]]:
        """One group of alternative tokens per query word; a person must match every group.

        A four-digit year matches the birth year. A word of one or two letters is too short
        to say anything and is left out (an initial such as "M." would match half the list).
        """
        groups: list[list[str]] = []
        for word in words(query)[:MAX_QUERY_WORDS]:
            if _YEAR.match(word):
                groups.append([self._token("year", word)])
                continue
            if len(word) < MIN_PREFIX:
                continue
            group = [self._token("word", word), self._token("prefix", word[:MAX_PREFIX])]
            sound = jellyfish.metaphone(word)
            if sound:
                group.append(self._token("sound", sound))
            groups.append(group)
        return groups
