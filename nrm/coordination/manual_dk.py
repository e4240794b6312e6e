"""A working text of the Danish NRM manual, step by step, written in Danish (the Danish
installation's language) from the project's rules: RULES.md §6 (the victim-status chain),
§2.4 (straffeloven § 262 a and § 262 b) and the seed note (the action plan 2022-2025 and
the joint inspections, "fælles myndighedsaktioner").

Denmark has no official NRM manual that this restates: it is what the platform encodes, so
that every workflow page can say what happens next and who does it. Each rule carries its
verification tag and source key from RULES.md (§0, §9): [V] seen in the source, [S]
secondary source, [K] known but not retrieved, UVERIFICERET not confirmed. The source keys
resolve in RULES.md §9 (CMM-REFL, FT-L129, FT-2008, FT-2007, BSR-TRM, TIP-DK-2023,
TV2NORD, CMM-262A, FT-2012, FT-L111). A Danish installation loads it as the manual's first
version (`manual_load_working_text`, which the Danish demo calls); the coordination unit
edits it from there, every change versioned and approved.
"""

from __future__ import annotations

from nrm.coordination.steps import DanishManualStep

S = DanishManualStep
Entry = dict[str, str]

WORKING_TEXT_NOTE = (
    "Første version: arbejdstekst skrevet ud fra platformens regler, ikke et officielt dokument."
)

DANISH_MANUAL: dict[DanishManualStep, Entry] = {
    S.DETECTION: {
        "who": "Enhver myndighed eller organisation i frontlinjen: politiet, Arbejdstilsynet og "
        "Skattestyrelsen ved fælles myndighedsaktioner, kommunerne, Center mod Menneskehandel "
        "(CMM) og dets NGO-partnere i det opsøgende arbejde.",
        "does": "Vurderer personen ud fra indikatorerne på menneskehandel og dokumenterer "
        "arbejds- og boligforhold, så en sag ikke alene hviler på den udnyttedes forklaring. "
        "Informerer personen om muligheden for støtte og om refleksionsperioden og sætter "
        "personen i kontakt med CMM. Handlingsplanen 2022-2025 lægger op til, at CMM i højere "
        "grad deltager i fælles myndighedsaktioner ved mistanke om menneskehandel.",
        "by_when": "Under kontrollen eller indsatsen; kontakten til CMM samme dag, hvis "
        "personen ønsker det (produktvalg, ikke en lovbestemt frist).",
        "form": "Screening i platformen; oplysningsmateriale på personens sprog (hvilket "
        "materiale der udleveres i Danmark, er UVERIFICERET).",
        "legal_basis": "Handlingsplan til bekæmpelse af menneskehandel 2022-2025 (CMM's "
        "deltagelse i fælles myndighedsaktioner), som seed-notatet gengiver det. En lovbestemt "
        "oplysningspligt for frontlinjen er ikke fundet i projektets kilder (UVERIFICERET).",
        "next_step": "Henvisning til identifikation: en person uden lovligt ophold vurderes af "
        "Udlændingestyrelsen, en person med lovligt ophold (danskere og EU-borgere inklusive) "
        "af CMM.",
    },
    S.IDENTIFICATION: {
        "who": "Udlændingestyrelsen (personer uden lovligt ophold); Center mod Menneskehandel "
        "(personer med lovligt ophold, danskere og EU-borgere inklusive). Domstolene kan også "
        "finde, at en person er offer, under en straffesag.",
        "does": "Træffer en positiv eller negativ afgørelse om, hvorvidt personen er offer for "
        "menneskehandel, med begrundelse, og informerer personen om den. En negativ afgørelse "
        "kan genovervejes (i platformen af en anden sagsbehandler end den, der traf den). En "
        "positiv afgørelse giver ret til støtte og til en refleksions- eller "
        "restitutionsperiode. Siden handlingsplanen 2022-2025 er CMM og Udlændingestyrelsen de "
        "eneste formelle identifikatorer; NGO'er foretager ikke længere formelle samtaler.",
        "by_when": "Ingen lovbestemt frist er fundet (UVERIFICERET); platformen viser, hvor "
        "længe en henvisning har ventet.",
        "form": "Identifikationsafgørelse (positiv eller negativ) med begrundelse; underretning "
        "af personen.",
        "legal_basis": "RULES.md §6 [V BSR-TRM, TIP-DK-2023]. Retsgrundlaget for "
        "genovervejelse af en negativ afgørelse er ikke fundet (UVERIFICERET; platformens "
        "valg).",
        "next_step": "Positiv afgørelse: Udlændingestyrelsen fastsætter en udrejsefrist på 30 "
        "dage som refleksionsperiode (uden lovligt ophold), eller CMM giver en "
        "restitutionsperiode (lovligt ophold). Taler hensynet til den offentlige orden imod, "
        "fastsættes udrejsefristen til straks. Negativ afgørelse: personen informeres og kan "
        "bede om genovervejelse.",
    },
    S.REFLECTION: {
        "who": "Udlændingestyrelsen (fastsætter og forlænger udrejsefristen); CMM's "
        "kontaktperson (koordinerer støtten); krisecentre og CMM's NGO-partnere.",
        "does": "En person uden lovligt ophold får en udrejsefrist på 30 dage som "
        "refleksionsperiode med ophold, lægehjælp, psykologhjælp, juridisk bistand og "
        "undervisning, koordineret af en kontaktperson hos CMM. Støtten er ikke betinget af "
        "samarbejde med politiet. Fristen kan forlænges, hvis der er særlige grunde, eller "
        "hvis personen samarbejder om en forberedt hjemrejse, til i alt højst 120 dage; en "
        "forlængelse ud over 120 dage i alt afvises.",
        "by_when": "30 dage fra fristens start; ansøgning om forlængelse inden dag 30; højst "
        "120 dage i alt. Platformen regner i kalenderdage (konvention UVERIFICERET, "
        "konfigurerbar) og minder om fristen 7 dage før (produktvalg).",
        "form": "Udlændingestyrelsens afgørelse om udrejsefrist; ansøgning om forlænget "
        "udrejsefrist, typisk via krisecentret eller CMM's kontaktperson.",
        "legal_basis": "Udlændingeloven § 33, stk. 14 [V CMM-REFL]; højst 120 dage i alt, "
        "hævet fra 100 dage ved lov L 129 (folketingsåret 2012-13) [V CMM-REFL, FT-L129, "
        "FT-2008]. Støtten er ikke betinget af samarbejde [V TIP-DK-2023].",
        "next_step": "Inden fristen udløber: forlængelse (højst 120 dage i alt), forberedt "
        "hjemrejse, opholdstilladelse af hensyn til efterforskningen, hvis politiet anmoder om "
        "den, eller afslutning af status med udrejse ved fristens udløb.",
    },
    S.RESTITUTION: {
        "who": "Center mod Menneskehandel; CMM's kontaktperson og NGO-partnere.",
        "does": "En person med lovligt ophold (fx en dansker eller en EU-borger) får en "
        "tilsvarende restitutionsperiode med samme støtte som i refleksionsperioden.",
        "by_when": "Platformen anvender refleksionsperiodens frister: 30 dage, der kan "
        "forlænges til højst 120 dage i alt. At de samme frister gælder for "
        "restitutionsperioden, er ikke bekræftet særskilt (UVERIFICERET, konfigurerbar).",
        "form": "CMM's beslutning om restitutionsperiode.",
        "legal_basis": "RULES.md §6: en tilsvarende restitutionsperiode med samme støtte "
        "[V CMM-REFL].",
        "next_step": "Forberedt hjemrejse eller afslutning af forløbet; personen har sit eget "
        "opholdsgrundlag. Opholdstilladelsen af hensyn til efterforskningen gælder kun "
        "personer uden lovligt ophold.",
    },
    S.IMMEDIATE_DEPARTURE: {
        "who": "Udlændingestyrelsen.",
        "does": "Når hensynet til den offentlige orden taler imod en refleksionsperiode, fx "
        "fordi personen er udvist for grov kriminalitet (narkotika), fastsættes "
        "udrejsefristen til straks i stedet for 30 dage. Det sker sjældent.",
        "by_when": "Ved afgørelsen om udrejsefrist efter identifikationen.",
        "form": "Afgørelse om udrejsefrist: straks.",
        "legal_basis": "RULES.md §6 [V FT-2007].",
        "next_step": "Status afsluttes; personen skal udrejse straks.",
    },
    S.INVESTIGATION_PERMIT: {
        "who": "Politiet (anmoder); Udlændingestyrelsen eller SIRI (meddeler tilladelsen).",
        "does": "Meddeler en person uden lovligt ophold opholdstilladelse, når personens "
        "tilstedeværelse er nødvendig af hensyn til efterforskningen eller retsforfølgningen. "
        "Tilladelsen gives på politiets anmodning: platformen registrerer først tilladelsen, "
        "når politiets anmodning er registreret.",
        "by_when": "Loven fastsætter ingen gyldighedsperiode; platformen giver tilladelsen for "
        "6 måneder ad gangen (produktvalg, UVERIFICERET) og minder om udløbet 30 dage før "
        "(produktvalg). Tilladelsen kan ikke gælde ud over efterforskningen eller "
        "retsforfølgningen.",
        "form": "Politiets anmodning; Udlændingestyrelsens afgørelse om opholdstilladelse.",
        "legal_basis": "Udlændingeloven § 9 c, stk. 5 [V FT-L129].",
        "next_step": "Før tilladelsen udløber: forlængelse på en ny anmodning fra politiet, så "
        "længe efterforskningen eller retsforfølgningen varer. Straffesagen kører imens.",
    },
    S.INVESTIGATION_PERMIT_RENEWAL: {
        "who": "Politiet (ny anmodning); Udlændingestyrelsen (forlænger).",
        "does": "Forlænger opholdstilladelsen, så længe personens tilstedeværelse fortsat er "
        "nødvendig. Platformen kræver en ny anmodning fra politiet siden den seneste "
        "tilladelse; en forlængelse afvises, når efterforskningen eller retsforfølgningen er "
        "afsluttet, og når tilladelsen allerede er udløbet (produktvalg).",
        "by_when": "Inden tilladelsen udløber; den nye gyldighed regnes fra forlængelsen.",
        "form": "Politiets anmodning; Udlændingestyrelsens afgørelse om forlængelse.",
        "legal_basis": "Udlændingeloven § 9 c, stk. 5: tilladelsen kan ikke forlænges ud over "
        "efterforskningen eller retsforfølgningen [V FT-L129].",
        "next_step": "Når politiet eller anklagemyndigheden registrerer, at efterforskningen "
        "eller retsforfølgningen er afsluttet: forberedt hjemrejse eller afslutning af status.",
    },
    S.CRIMINAL_CASE: {
        "who": "Politiet (efterforsker: NSK og politikredsene); anklagemyndigheden (rejser "
        "tiltale); domstolene.",
        "does": "Efterforsker og retsforfølger menneskehandel efter straffelovens § 262 a: for "
        "voksne kræves et middel (ulovlig tvang, frihedsberøvelse, trusler, vildledning eller "
        "anden utilbørlig fremgangsmåde) og et udnyttelsesformål (bl.a. tvangsarbejde, slaveri "
        "eller slaverilignende forhold, prostitution, strafbare handlinger, fjernelse af "
        "organer). Arbejde under forhold i strid med menneskelig værdighed er ikke et formål "
        "efter § 262 a. Hvor § 262 a ikke er opfyldt i en arbejdssag, kan § 262 b "
        "(menneskeudnyttelse: arbejde under åbenlyst urimelige forhold) anvendes. Bevis fra "
        "kontrollernes og politiets dokumentation af arbejds- og boligforhold, så sagen ikke "
        "alene hviler på offerets forklaring.",
        "by_when": "Ingen frist er fastsat her. Anklagemyndighedens måltal i platformen er "
        "produktets standard, ikke et dansk måltal.",
        "form": "Sagsakt: kvalifikation efter dansk ret, sigtelse, tiltale, dom.",
        "legal_basis": "Straffeloven § 262 a: fængsel indtil 10 år; for personer under 18 år "
        "kræves intet middel (stk. 2) [V CMM-262A]; strafmaksimum hævet fra 8 til 10 år og "
        "strafbare handlinger tilføjet som formål [V FT-2012]. § 262 b: fængsel indtil 6 år, i "
        "kraft 1. juni 2022 [V FT-L111].",
        "next_step": "Mens personens tilstedeværelse er nødvendig, kan politiet anmode om "
        "opholdstilladelse af hensyn til efterforskningen. Når dommen er endelig: erstatning "
        "og konfiskation.",
    },
    S.COMPENSATION: {
        "who": "Anklagemyndigheden (kan fremme offerets erstatningskrav under straffesagen); "
        "domstolen; offerets advokat; Erstatningsnævnet (statens erstatning).",
        "does": "Offeret kan kræve erstatning af gerningspersonen under straffesagen, og "
        "udbytte kan konfiskeres. Betaler gerningspersonen ikke, kan staten yde erstatning "
        "til ofre for forbrydelser.",
        "by_when": "Efter den endelige dom; fristerne for at søge statens erstatning er "
        "UVERIFICEREDE.",
        "form": "Erstatningskrav i straffesagen; ansøgning til Erstatningsnævnet.",
        "legal_basis": "Retsplejelovens regler om borgerlige krav under straffesagen og "
        "offererstatningsloven [K: kendt, ikke hentet; hele trinnet er UVERIFICERET — "
        "projektets regler om penge (RULES.md §4) dækker kun Belgien].",
        "next_step": "Sagen lukkes; CMM medtager den afidentificeret i den nationale statistik.",
    },
    S.PREPARED_RETURN: {
        "who": "CMM (tilrettelægger og registrerer den forberedte hjemrejse); "
        "Udlændingestyrelsen (udrejsefristen); personen.",
        "does": "Assisteret frivillig hjemrejse med økonomisk støtte i omkring seks måneder "
        "efter hjemkomsten. At personen samarbejder om en forberedt hjemrejse, er også en "
        "grund til at forlænge udrejsefristen.",
        "by_when": "Når personen vælger det; inden udrejsefristen (højst 120 dage i alt).",
        "form": "Aftale om forberedt hjemrejse (dokumentets navn UVERIFICERET).",
        "legal_basis": "Økonomisk støtte efter hjemkomsten [S TV2NORD]; forlængelse ved "
        "samarbejde om forberedt hjemrejse [V CMM-REFL].",
        "next_step": "Forløbet i platformen slutter med hjemrejsen.",
    },
    S.STATUS_END: {
        "who": "Udlændingestyrelsen (personer uden lovligt ophold); CMM (restitutionsperioden "
        "for personer med lovligt ophold).",
        "does": "Afslutter status, når perioden udløber uden andet opholdsgrundlag; en person "
        "uden lovligt ophold skal udrejse inden udrejsefristen.",
        "by_when": "Ved udrejsefristens udløb (højst 120 dage i alt), eller når "
        "opholdstilladelsen af hensyn til efterforskningen udløber.",
        "form": "Afgørelse om afslutning; udrejsefrist.",
        "legal_basis": "RULES.md §6 [V CMM-REFL]; selve reglen om afslutning er [K] (kendt, "
        "ikke hentet) og markeret som sådan i platformen.",
        "next_step": "Udrejse; en forberedt hjemrejse er mulig indtil da. Personen kan søge "
        "asyl, hvor menneskehandel kan indgå som ét element [S TV2NORD].",
    },
}
