"""The register of the sources the rules cite: a key's title and where to read it.

Rules carry short keys (`MYRIA-STATUT`, `LEGLINE-1994`) so that the law and the pathway
tables stay compact and comparable with `../shared/domain/RULES.md` §9; a reader is shown
the source's title with a link to it, never the key (issue 16, "plain words"). Titles of
publications stay in their own language (they are names); generic descriptions are
marked for translation. A key missing here is shown as itself: the register test lists
every key the code cites, so a new one cannot be forgotten.

Pure: no Django, so the law and pathway cores and the templates read the same register.
"""

from __future__ import annotations

from dataclasses import dataclass

from nrm.core.text import _


@dataclass(frozen=True, slots=True)
class CitedSource:
    title: str
    url: str = ""
    # True when the title is a generic description (translated), not a publication's name.
    described: bool = False


def _d(title: str, url: str = "") -> CitedSource:
    return CitedSource(title, url, described=True)


REGISTER: dict[str, CitedSource] = {
    # The seed note and the product's own choices.
    "SEED": _d(_("Danish note on the Belgian model (seed)")),
    "SEED-NOTE": _d(_("Danish note on the Belgian model (seed)")),
    "PRODUCT": _d(_("Product choice, not law")),
    # Belgian law and its commentaries.
    "BE-CIC": _d(_("Belgian Code of criminal procedure")),
    "SOCIAL-PENAL-CODE": _d(_("Belgian Social Penal Code")),
    "LAW-2025-12-19": _d(_("Belgian law of 19 December 2025")),
    "POLICE-BE": _d(_("Belgian federal police, trafficking in human beings")),
    "FRA-BE": CitedSource(
        "FRA, Belgian Penal Code art. 433quinquies",
        "https://fra.europa.eu/en/law-reference/belgian-penal-code-0",
    ),
    "ACCHUB-433Q": CitedSource(
        "Accountability Hub, art. 433quinquies",
        "http://accountabilityhub.org/provision/art-433-quinquies/",
    ),
    "ACCHUB-433SO": CitedSource(
        "Accountability Hub, art. 433sexies-octies",
        "https://accountabilityhub.org/provision/art-433-sexies-octies/",
    ),
    "ACCHUB-433N": CitedSource(
        "Accountability Hub, art. 433novies",
        "http://accountabilityhub.org/provision/art-433-novies/",
    ),
    "ESPERANTOMENA": CitedSource(
        "Esperanto, « La traite des êtres humains »",
        "https://www.esperantomena.org/la-traite-des-etres-humains",
    ),
    "MYRIA-DEF": CitedSource(
        "Myria, « Traite vs. trafic : définitions légales »",
        "https://www.myria.be/fr/traite/traite-vs.-trafic-des-etres-humains-definitions-legales",
    ),
    "ONDERNEMING": CitedSource(
        "Ondernemingsstrafrecht, « Mensenhandel: wat wel en wat niet »",
        "https://ondernemingsstrafrecht.be/en/mensenhandel-wat-wel-en-wat-niet",
    ),
    "ACTU-DROIT-BE": CitedSource(
        "Actualités droit belge, « La traite des êtres humains »",
        "https://www.actualitesdroitbelge.be/droit-penal/droit-penal-abreges-juridiques/"
        "la-traite-des-etres-humains/la-traite-des-etres-humains",
    ),
    "ECPAT-BE-LOI": CitedSource(
        "ECPAT Belgique, « Que dit la loi ? »",
        "http://ecpat.be/exploitation-sexuelle/que-dit-la-loi/legislation-belge/",
    ),
    "ECPAT-2013": CitedSource(
        "ECPAT Belgique, « Répression plus sévère de la traite » (2013)",
        "https://ecpat.be/repression-plus-severe-de-la-traite-des-etres-humains-3",
    ),
    "ETAAMB-2013": CitedSource(
        "Loi du 24 juin 2013 (etaamb)",
        "https://etaamb.openjustice.be/fr/loi-du-24-juin-2013_n2013009351.html",
    ),
    "WK-2019": CitedSource(
        "Wolters Kluwer, « Pas de sanction pour les victimes de traite » (2019)",
        "https://legalworld.wolterskluwer.be/fr/nouvelles/moniteur/"
        "pas-de-sanction-pour-les-victimes-de-traite-des-etres-humains/",
    ),
    "ECPAT-NONSANCTION": CitedSource(
        "ECPAT Belgique, « La non-sanction des victimes de traite »",
        "https://ecpat.be/la-non-sanction-des-victimes-de-traite/",
    ),
    "REFLI-2024": CitedSource(
        "Loi du 29 février 2024, Livre II du Code pénal (Refli)",
        "https://refli.be/fr/lex/2024002088",
    ),
    "MYRIA-2024-1712": CitedSource(
        "Myria, transposition de la directive (UE) 2024/1712",
        "https://www.myria.be/fr/recommendations/transposition-de-la-nouvelle-directive-ue-"
        "2024-1712-sur-la-traite-des-etres-humains-2024-1",
    ),
    "TERRALABORIS": CitedSource("Terra Laboris", "https://terralaboris.be/spip.php?rubrique4044"),
    "MYRIA-JUR-NIV13": CitedSource(
        "Myria, Tribunal correctionnel de Nivelles, 26 juin 2013",
        "https://www.myria.be/fr/traite/jurisprudence/tribunal-correctionnel-de-nivelles-26-juin-2013",
    ),
    "MYRIA-JUR-LIE13": CitedSource(
        "Myria, Tribunal correctionnel de Liège, 2 septembre 2013",
        "https://www.myria.be/fr/traite/jurisprudence/tribunal-correctionnel-de-liege-2-septembre-2013",
    ),
    "MYRIA-JUR-BXL11": CitedSource(
        "Myria, Cour d'appel de Bruxelles, 12 janvier 2011",
        "https://www.myria.be/fr/traite/jurisprudence/cour-dappel-bruxelles-12-janvier-2011",
    ),
    "MYRIA-JUR-BXL15": CitedSource(
        "Myria, Tribunal correctionnel de Bruxelles, 4 septembre 2015",
        "https://www.myria.be/fr/traite/jurisprudence/"
        "tribunal-correctionnel-francophone-de-bruxelles-4-septembre-2015",
    ),
    "MYRIA-JUR-BXL18": CitedSource(
        "Myria, Cour d'appel de Bruxelles, 16 octobre 2018",
        "https://www.myria.be/fr/traite/jurisprudence/cour-dappel-de-bruxelles-16-octobre-2018",
    ),
    "MYRIA-JUR-LIE21": CitedSource(
        "Myria, Tribunal correctionnel de Liège, 2 avril 2021",
        "https://myria.be/fr/traite/jurisprudence/tribunal-correctionnel-de-liege-2-avril-2021",
    ),
    "PANOPTICON-2025": CitedSource(
        "Panopticon 2025, « Afhankelijkheid als indicator »",
        "https://www.maklu-online.eu/en/tijdschrift/panopticon/issue-1-januari-februari-2025/",
    ),
    "RTL-2024": _d(_("Press report on the 2024 Criminal Code's penalty levels")),
    "EUBELIUS": _d(_("Eubelius, commentary on the 2024 Criminal Code")),
    "DEGROOTE-DEMAN": _d(_("De Groote & De Man, commentary on the 2024 Criminal Code")),
    "ETAAMB-CIRC2016": CitedSource(
        "Circulaire du 23 décembre 2016 (etaamb)",
        "https://etaamb.openjustice.be/fr/circulaire-du-23-decembre-2016_n2017030090.html",
    ),
    "WK-CIRC2016": CitedSource(
        "Wolters Kluwer, circulaire multidisciplinaire de 2016",
        "https://legalworld.wolterskluwer.be/fr/nouvelles/moniteur/un-nouvel-instrument-de-"
        "cooperation-pour-l-assistance-aux-victimes-de-la-traite-des-etres-humains/",
    ),
    "MYRIA-STATUT": CitedSource(
        "Myria, « Statut de victime »", "https://www.myria.be/fr/traite/statut-de-victime"
    ),
    "PAGASA-STATUS": CitedSource(
        "PAG-ASA, victim status", "http://pag-asa.be/content.aspx?l=001.014&lang=EN"
    ),
    "WZP": CitedSource(
        "Werknemers zonder papieren, publications",
        "http://werknemerszonderpapieren.be/?changeLanguage=fr&redirect=%2Fpublications.php"
        "%3Fpart%3D138",
    ),
    "DROITSQ": CitedSource(
        "Droits quotidiens, « Victime de traite : puis-je rester en Belgique ? »",
        "https://www.droitsquotidiens.be/fr/question/"
        "jai-ete-victime-de-traite-detres-humains-puis-je-rester-en-belgique",
    ),
    "RTBF-2022": CitedSource(
        "RTBF (2022), statut des victimes du chantier Borealis",
        "https://www.rtbf.be/article/un-statut-protege-les-victimes-potentielles-de-traite-des-"
        "etres-humains-comme-celles-du-chantier-borealis-a-anvers-11042129",
    ),
    "ADDE": CitedSource(
        "ADDE, « Victime de traite des êtres humains »",
        "https://adde.be/ressources/fiches-pratiques/sejour/victime-de-traite-des-etres-humains",
    ),
    "ADDE-MENA": CitedSource(
        "ADDE, « Mineur étranger non accompagné »",
        "https://www.adde.be/ressources/fiches-pratiques/mineurs-etrangers/"
        "mineur-etranger-non-accompagne",
    ),
    "DOFI-GUIDE": CitedSource(
        "Office des étrangers, guide des procédures (traite)",
        "https://dofi.ibz.be/sites/dvzoe/FR/Guidedesprocedures/Pages/"
        "Victime%20de%20la%20traite%20des%20%C3%AAtres%20humains%20et%20trafic%20des"
        "%20%C3%AAtres%20humains.aspx",
    ),
    "WORDSCOPE-613": CitedSource(
        "Wordscope, art. 61/3 §1 of the Aliens Act",
        "http://wordscope.be/neerlandais/francais/"
        "vertegenwoordigers+zich+schuldig+zouden+hebben.html",
    ),
    "WORDSCOPE-AI": CitedSource(
        "Wordscope, « Attest van klacht »",
        "http://wordscope.be/neerlandais/francais/Attest+van+klacht.html",
    ),
    "MINEURSENEXIL": CitedSource(
        "Mineurs en exil, « Traite des êtres humains »",
        "https://mineursenexil.be/fr/dossiers-thematiques/mena/traite-des-etres-humains",
    ),
    "ECPAT-2016-LEX": CitedSource(
        "ECPAT Belgique, « La traite des enfants en Belgique » (2016)",
        "https://vdocuments.fr/etude-2016-la-traite-des-enfants-en-belgique-ecpat-a-wp-content-"
        "a-uploads.html",
    ),
    "ECPAT-TUTEUR": CitedSource(
        "ECPAT Belgique, le rôle du tuteur",
        "https://ecpat.be/role-tuteur-protection-mineurs-etrangers-non-accompagnes-victimes-de-"
        "traite-belgique",
    ),
    "LEGLINE-1994": CitedSource(
        "Circulaire du 7 juillet 1994 (Legislationline)",
        "http://www.legislationline.org/documents/action/popup/id/6342",
    ),
    "DORMAELS-2010": CitedSource(
        "Dormaels (2010), The political economy of new slavery",
        "https://www.yumpu.com/en/document/view/39811417/3071-the-political-economy-of-new-slavery/102",
    ),
    "FAIRWORK": CitedSource(
        "FairWork Belgium, information juridique",
        "https://www.fairworkbelgium.be/nl/lawyers/juridische-informatie/",
    ),
    "SPF-EMPLOI-SOLID": CitedSource(
        "SPF Emploi, responsabilité solidaire (loi du 11 février 2013)",
        "https://www.emploi.belgique.be/fr/themes/remuneration/protection-de-la-remuneration/"
        "regime-particulier-de-responsabilite-solidaire-0",
    ),
    "SECUREX-SOLID": CitedSource(
        "Securex, responsabilité solidaire (ressortissant d'un pays tiers)",
        "https://securex.be/fr/lex4you/employeur/themes/obligations-de-l-employeur/",
    ),
    "FANC-ART43": CitedSource(
        "Code d'instruction criminelle, art. 43bis (Jurion)",
        "https://www.jurion.fanc.fgov.be/jurdb-consult/plainWettekstServlet?lang=fr&wettekstId=4232",
    ),
    "JUSTICE-BE-AIDE": CitedSource(
        "SPF Justice, aide financière aux victimes",
        "https://justice.belgium.be/fr/themes_et_dossiers/que_faire_comme/victime/indemnisation/"
        "aide_financiere",
    ),
    "AVOCAT-PAYE": CitedSource(
        "Commission pour l'aide financière aux victimes d'actes intentionnels de violence",
        "https://www.avocat-paye.be/la-commission-d-aide-aux-victimes-d-actes-intentionnels-de-"
        "violence_ad137.html",
    ),
    # Denmark.
    "CMM-262A": CitedSource(
        "CMM, straffeloven § 262 a",
        "https://www.cmm.dk/om-menneskehandel/lovgivning/dansk-lovgivning-1/straffeloven-ss-262-a",
    ),
    "FT-2012": CitedSource(
        "Folketinget, REU alm. del bilag 52 (2012)",
        "https://ft.dk/samling/20111/almdel/REU/bilag/52/1034234/index.htm",
    ),
    "FT-L111": CitedSource(
        "Folketinget, lovforslag L 111 (2021-22)",
        "https://www.ft.dk/samling/20211/lovforslag/l111/20211_l111_som_fremsat.htm",
    ),
    "CMM-REFL": CitedSource(
        "CMM, refleksions- og restitutionsperiode",
        "https://admin.cmm.dk/tilbud-til-ofre/refleksions-og-restitutionsperiode",
    ),
    "FT-L129": CitedSource(
        "Folketinget, lovforslag L 129 (2012-13)",
        "https://ft.dk/samling/20121/lovforslag/l129/20121_l129_som_fremsat.htm",
    ),
    "FT-2008": CitedSource(
        "Folketinget, REU spm. 815 (2008)",
        "https://ft.dk/samling/20072/almdel/reu/spm/815/svar/559426/574386/index.htm",
    ),
    "FT-2007": CitedSource(
        "Folketinget, L 197 spm. 2 (2007)",
        "https://ft.dk/samling/20061/lovforslag/L197/spm/2/svar/331770/370863/index.htm",
    ),
    "BSR-TRM": CitedSource(
        "Baltic Sea Region THB referral mechanisms, Denmark",
        "https://bsr-trm.com/countries/denmark/page/2",
    ),
    "TV2NORD": CitedSource(
        "TV2 Nord, « Ofre må blive i 120 dage »",
        "https://www.tv2nord.dk/nordjylland/ofre-ma-blive-i-120-dage",
    ),
    # Europe and international.
    "EURLEX-SUM": CitedSource(
        "Directive 2011/36/EU (EUR-Lex)",
        "https://eur-lex.europa.eu/legal-content/EN/ALL/?uri=CELEX%3A32011L0036",
    ),
    "EUCRIM-2024": CitedSource(
        "eucrim, Directive (EU) 2024/1712",
        "https://eucrim.eu/news/new-directive-to-strengthen-anti-human-trafficking",
    ),
    "CHIP-2024": CitedSource(
        "CHIP, amended directive on human trafficking (2024)",
        "https://www.child-identity.org/amended-directive-on-human-trafficking-includes-new-"
        "forms-of-exploitation-relevant-to-childrens-rights-to-identity/",
    ),
    "FLEXI-NEWS": CitedSource(
        "Flexi News, EU anti-trafficking law expanded",
        "https://flexi-news.com/post/eu-expands-anti-trafficking-law-to-include-surrogacy-"
        "forced-marriage-and-illegal-adoption",
    ),
    "YUMPU-PALERMO": CitedSource(
        "La Strada International, Palermo Protocol",
        "https://www.yumpu.com/en/document/view/48356838/view-save-pdf-version-of-this-document-"
        "la-strada-international/375",
    ),
    "UNGIFT": CitedSource("UN.GIFT", "http://www.ungift.org/about/human-trafficking.html"),
    "HTCDS": CitedSource(
        "Human Trafficking Case Data Standard (IOM)", "https://github.com/UNMigration/HTCDS"
    ),
    # Indicator frameworks (INDICATORS.md).
    "ILO-FL-2012": CitedSource(
        "ILO, Indicators of Forced Labour (2012)",
        "https://respect.international/indicators-of-forced-labour",
    ),
    "ILO-EC-2009": CitedSource(
        "ILO and European Commission, Operational indicators of trafficking (2009)",
        "https://ec.europa.eu/anti-trafficking/publications/"
        "operational-indicators-trafficking-human-beings_en",
    ),
    "SEAFISH-ILO-EC": CitedSource(
        "Seafish, record of the ILO indicators",
        "https://seafish.org/responsible-sourcing/tools-for-ethical-seafood-sourcing/records/"
        "ilo-programme-indicators-of-forced-labour",
    ),
    # Finland (the law engine's third ruleset).
    "MTV-FI": CitedSource(
        "MTV Uutiset (statute quotation)",
        "https://www.mtvuutiset.fi/artikkeli/baltzarin-ihmiskauppakokonaisuudessa-ei-ole-tullut-"
        "ilmi-seksuaalirikoksia-poliisi-aloitti-tutkinnan-vasta-noin-viikko-sitten/7636894",
    ),
    "LAKI24-3": CitedSource(
        "Rikoslaki 25:3 (Laki24)",
        "https://laki24.fi/riri-rikokset-vapauteen_kohdistuvat_rikokset-ihmiskauppa/",
    ),
    "LAKI24-3A": CitedSource(
        "Rikoslaki 25:3a (Laki24)",
        "https://laki24.fi/riri-rikokset-vapauteen_kohdistuvat_rikokset-torkea_ihmiskauppa/",
    ),
    "LEGLINE-FI": CitedSource(
        "Legislationline, Finland", "https://legislationline.org/taxonomy/term/21540"
    ),
    "HEUNI": CitedSource(
        "HEUNI, actions against labour trafficking",
        "https://issuu.com./heuni/docs/heuni_actionsagainstlabourtrafficking_web/s/25052306",
    ),
    "STUKLEX-HE103": CitedSource(
        "HE 103/2014 (Stuklex)", "https://www.stuklex.fi/fi/he/2014/20140103"
    ),
}


def cited(key: str) -> CitedSource:
    """The source behind `key`; an unknown key stands as its own title."""
    return REGISTER.get(key) or CitedSource(key)
