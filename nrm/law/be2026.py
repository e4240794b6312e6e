"""Belgium's new Criminal Code (Book II, Law of 29 February 2024): every unverified piece
in ONE place (RULES.md §1 item 6, §2.9).

What could be verified is encoded as such elsewhere (penalty levels and their prison
ranges for natural persons [S]; Book II art. 79 definitions [V]; Book I art. 2 lex mitior
[V]). Everything below that is not verified is a *working hypothesis*, marked UNVERIFIED:
correct it here once the consolidated text (Justel, numac 2024002088) has been read, and
remove the key from `unverified` in the same edit. The engine lists `unverified` in the
JSON of every BE-2026 result and the pages show it as badges.

The cut-over date is also a Django setting (`NRM_BE2026_CUTOVER`, environment variable of
the same name); the edge passes it in through `LawConfig.be2026`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

# The Federal Public Service Justice and the federal government announced 8 April 2026
# [S, official]; the Justel record shows 9 April 2026 [V metadata]. Acts on either day
# are flagged whichever date is configured.
CUTOVER_DEFAULT = date(2026, 4, 8)
DOUBTFUL_DAYS = (date(2026, 4, 8), date(2026, 4, 9))

# Keys of what is unverified, as listed in the JSON (`"unverified": [...]`).
ARTICLE = "article"
WORDING = "wording"
LEVEL = "level"
FINE = "fine"
FINE_MULTIPLIED = "fine_multiplied_by_victims"
DUTCH_TEXT = "dutch_text"
CUTOVER = "cutover_date"
VULNERABILITY_ADMIN_STATUS = "vulnerability_admin_status"

# Aggravated forms of the new offence, named after their circumstance (the numbering of
# the new article is not known, so ids must not depend on it). Each matches one of the
# old 433sexies-433octies circumstances; the structure is the working hypothesis.
AUTHORITY = "authority"  # old 433sexies 1°
OFFICIAL = "official"  # old 433sexies 2°
MINOR = "minor"  # old 433septies 1°
VULNERABILITY = "vulnerability"  # old 433septies 2°
COERCION = "coercion"  # old 433septies 3°
PAYMENT = "payment"  # old 433septies 3°bis
LIFE = "life"  # old 433septies 4°
HARM = "harm"  # old 433septies 5°
HABITUAL = "habitual"  # old 433septies 6°
ASSOCIATION = "association"  # old 433septies 7°
DEATH = "death"  # old 433octies (death)
LEADER = "leader"  # old 433octies (leader of the association)

AGGRAVATED_FORMS = (
    AUTHORITY,
    OFFICIAL,
    MINOR,
    VULNERABILITY,
    COERCION,
    PAYMENT,
    LIFE,
    HARM,
    HABITUAL,
    ASSOCIATION,
    DEATH,
    LEADER,
)


@dataclass(frozen=True, slots=True)
class Level:
    """A penalty level of the new code for natural persons (RULES.md §2.9) [S]."""

    number: int
    # Imprisonment in months; level 1 has none (min = max = 0), level 8 is life.
    min_months: int
    max_months: int
    life: bool = False
    # Level 2: "normally no prison; 6 months to 3 years only with specific reasons".
    exceptional: bool = False


LEVELS: Mapping[int, Level] = MappingProxyType(
    {
        1: Level(1, 0, 0),
        2: Level(2, 6, 36, exceptional=True),
        3: Level(3, 36, 60),
        4: Level(4, 60, 120),
        5: Level(5, 120, 180),
        6: Level(6, 180, 240),
        7: Level(7, 240, 360),
        8: Level(8, 360, 360, life=True),
    }
)


@dataclass(frozen=True, slots=True)
class FineRange:
    min: int
    max: int


def _default_levels() -> Mapping[str, int]:
    # Hypothesis from comparing durations only (RULES.md §2.9), not from the text:
    # 433quinquies 1-5 years straddles levels 2-3 (3 taken); 433sexies 5-10 ≈ 4;
    # 433septies 10-15 ≈ 5; 433octies 15-20 ≈ 6.
    levels = {"": 3, AUTHORITY: 4, OFFICIAL: 4, DEATH: 6, LEADER: 6}
    for form in (MINOR, VULNERABILITY, COERCION, PAYMENT, LIFE, HARM, HABITUAL, ASSOCIATION):
        levels[form] = 5
    return MappingProxyType(levels)


def _default_fines() -> Mapping[int, FineRange | None]:
    # Fine ranges per level were not found: None shows "fine not known", never a guess.
    return MappingProxyType(dict.fromkeys(LEVELS, None))


@dataclass(frozen=True, slots=True)
class Be2026Config:
    """Everything about the new code that a lawyer may have to correct."""

    cutover: date = CUTOVER_DEFAULT
    # Article number of trafficking in Book II, shown in the citation; "?" until read.
    article: str = "?"
    # Working hypothesis of the wording: the structure of the old offence (act + purpose;
    # means only aggravate; consent irrelevant except for forced criminality).
    wording_hypothesis_old_structure: bool = True
    # Level of the basic offence ("" key) and of each aggravated form.
    levels: Mapping[str, int] = field(default_factory=_default_levels, hash=False)
    # Fine (EUR, per victim where multiplied) per level; None = not found.
    fines_by_level: Mapping[int, FineRange | None] = field(
        default_factory=_default_fines, hash=False
    )
    # Slum landlord (old art. 433decies): level 2 in the 2022 draft [S]; article UNVERIFIED.
    slum_landlord_level: int | None = 2
    # Whether the new code still multiplies fines by the number of victims: false until read.
    fine_multiplied_by_victims: bool = False
    # The Dutch text (Strafwetboek) was not read either.
    dutch_text_read: bool = False
    # Directive (EU) 2024/1712 required both by 15 July 2026; Belgium has not transposed
    # them as far as could be found [S MYRIA-2024-1712]. Switchable, off by default.
    surrogacy_purpose: bool = False
    use_of_victim_services_offence: bool = False
    # What is still unverified, in the order the pages list it.
    unverified: tuple[str, ...] = (
        ARTICLE,
        WORDING,
        LEVEL,
        FINE,
        FINE_MULTIPLIED,
        DUTCH_TEXT,
        CUTOVER,
    )

    def level_of(self, form: str = "") -> Level:
        return LEVELS[self.levels.get(form, self.levels[""])]

    def with_cutover(self, cutover: date) -> Be2026Config:
        return replace(self, cutover=cutover)


DEFAULT_BE2026 = Be2026Config()


def doubtful_cutover_day(day: date) -> bool:
    """8 and 9 April 2026: the sources disagree on which is the first day of the new code."""
    return day in DOUBTFUL_DAYS
