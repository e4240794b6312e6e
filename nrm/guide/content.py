# ruff: noqa: RUF001 — the guide is written in many scripts on purpose; these letters are not look-alikes.
"""The guide's built-in text, per language: what a worker must know (RULES.md §3 and §5).

Every text here is the installation's starting point; the coordination unit replaces any of
it through versioned edits (nrm/guide/actions.py), which is how reviewed and new
translations come in. Three kinds of language:

- `SOURCE`: English, the text the others translate;
- `DRAFT`: written by the project's developers, not yet checked by a native speaker — the
  page says so in a small note, until the coordination unit records a reviewed version;
- `PENDING`: no translation. The page shows the English text under a clear notice
  ("translation pending review"), never an invented one.

`%(hotline)s`, `%(website)s` and `%(centres)s` are filled from the installation's settings
(nrm/guide/queries.py), so that numbers and names are never translated by mistake.
"""

from __future__ import annotations

from enum import StrEnum


class TextStatus(StrEnum):
    SOURCE = "SOURCE"
    REVIEWED = "REVIEWED"
    DRAFT = "DRAFT"
    PENDING = "PENDING"


# The parts of the guide, in the order they are shown. Lists are one item a line.
KEYS = (
    "title",
    "intro",
    "rights_heading",
    "rights",
    "signs_heading",
    "signs",
    "reflection_heading",
    "reflection",
    "help_heading",
    "help",
    "hotline",
)
LIST_KEYS = frozenset({"rights", "signs"})
PLACEHOLDERS = ("hotline", "website", "centres")

Text = dict[str, str]


def _t(*parts: str) -> Text:
    """The parts in KEYS order; the two lists as tuples of items."""
    return dict(zip(KEYS, parts, strict=True))


EN = _t(
    "Your rights at work in Belgium",
    "This leaflet is for everyone who works in Belgium, whatever their nationality or "
    "residence status. An inspector gave it to you: you may keep it.",
    "Your rights",
    "You have the right to be paid for the work you did, even without a work permit.\n"
    "You have the right to safe working conditions and decent housing.\n"
    "Nobody may keep your passport or identity papers.\n"
    "You may speak to the inspectors in confidence, with an interpreter if you need one.",
    "Signs that you may be exploited",
    "You earn very little or nothing, or your pay is kept back to repay a debt.\n"
    "You work very long days without rest days.\n"
    "You sleep at your workplace or in housing your employer controls, in bad conditions.\n"
    "Someone keeps your documents, threatens you or your family, or does not let you leave.",
    "45 days to rest and decide",
    "If you may be a victim of human trafficking, you can receive a residence document for "
    "45 days, to rest, get advice and decide whether to file a complaint against the people "
    "who exploited you. If you file a complaint, you can receive a residence document that "
    "allows you to work.",
    "Who can help you",
    "Specialised centres give shelter and medical, psychological and legal help, free of "
    "charge and in confidence: %(centres)s. Their help during the 45 days does not depend "
    "on filing a complaint.",
    "Call %(hotline)s, day and night, or visit %(website)s.",
)

FR = _t(
    "Vos droits au travail en Belgique",
    "Ce dépliant s'adresse à toute personne qui travaille en Belgique, quels que soient sa "
    "nationalité ou son statut de séjour. Un inspecteur vous l'a remis : vous pouvez le garder.",
    "Vos droits",
    "Vous avez le droit d'être payé pour le travail effectué, même sans permis de travail.\n"
    "Vous avez droit à des conditions de travail sûres et à un logement décent.\n"
    "Personne n'a le droit de garder votre passeport ou vos papiers d'identité.\n"
    "Vous pouvez parler aux inspecteurs en toute confidentialité, avec un interprète "
    "si nécessaire.",
    "Signes que vous êtes peut-être exploité",
    "Vous gagnez très peu ou rien, ou votre salaire est retenu pour rembourser une dette.\n"
    "Vous travaillez de très longues journées sans jour de repos.\n"
    "Vous dormez sur votre lieu de travail ou dans un logement contrôlé par votre employeur, "
    "dans de mauvaises conditions.\n"
    "Quelqu'un garde vos documents, vous menace, vous ou votre famille, ou vous empêche de partir.",
    "45 jours pour vous reposer et décider",
    "Si vous êtes peut-être victime de traite des êtres humains, vous pouvez recevoir un "
    "document de séjour de 45 jours pour vous reposer, recevoir des conseils et décider si "
    "vous portez plainte contre les personnes qui vous ont exploité. Si vous portez plainte, "
    "vous pouvez recevoir un document de séjour qui vous permet de travailler.",
    "Qui peut vous aider",
    "Des centres spécialisés offrent un hébergement et une aide médicale, psychologique et "
    "juridique, gratuitement et en toute confidentialité : %(centres)s. Leur aide pendant les "
    "45 jours ne dépend pas d'une plainte.",
    "Appelez le %(hotline)s, jour et nuit, ou consultez %(website)s.",
)

NL = _t(
    "Uw rechten op het werk in België",
    "Deze folder is voor iedereen die in België werkt, ongeacht nationaliteit of "
    "verblijfsstatus. Een inspecteur heeft hem u gegeven: u mag hem houden.",
    "Uw rechten",
    "U hebt recht op loon voor het werk dat u gedaan hebt, ook zonder arbeidskaart.\n"
    "U hebt recht op veilige arbeidsomstandigheden en behoorlijke huisvesting.\n"
    "Niemand mag uw paspoort of identiteitspapieren bijhouden.\n"
    "U kunt in vertrouwen met de inspecteurs praten, indien nodig met een tolk.",
    "Tekenen dat u misschien uitgebuit wordt",
    "U verdient heel weinig of niets, of uw loon wordt ingehouden om een schuld af te betalen.\n"
    "U werkt zeer lange dagen zonder rustdagen.\n"
    "U slaapt op uw werkplek of in huisvesting die uw werkgever controleert, in slechte "
    "omstandigheden.\n"
    "Iemand houdt uw documenten bij, bedreigt u of uw familie, of laat u niet vertrekken.",
    "45 dagen om te rusten en te beslissen",
    "Als u misschien slachtoffer bent van mensenhandel, kunt u een verblijfsdocument van 45 "
    "dagen krijgen om te rusten, advies te krijgen en te beslissen of u klacht indient tegen "
    "de mensen die u uitgebuit hebben. Als u klacht indient, kunt u een verblijfsdocument "
    "krijgen waarmee u mag werken.",
    "Wie kan u helpen",
    "Gespecialiseerde centra bieden opvang en medische, psychologische en juridische hulp, "
    "gratis en vertrouwelijk: %(centres)s. Hun hulp tijdens de 45 dagen hangt niet af van "
    "een klacht.",
    "Bel %(hotline)s, dag en nacht, of ga naar %(website)s.",
)

DE = _t(
    "Ihre Rechte bei der Arbeit in Belgien",
    "Dieses Faltblatt richtet sich an alle, die in Belgien arbeiten, unabhängig von "
    "Staatsangehörigkeit oder Aufenthaltsstatus. Ein Inspektor hat es Ihnen gegeben: Sie "
    "dürfen es behalten.",
    "Ihre Rechte",
    "Sie haben das Recht, für Ihre geleistete Arbeit bezahlt zu werden, auch ohne "
    "Arbeitserlaubnis.\n"
    "Sie haben das Recht auf sichere Arbeitsbedingungen und eine menschenwürdige Unterkunft.\n"
    "Niemand darf Ihren Pass oder Ihre Ausweispapiere behalten.\n"
    "Sie können vertraulich mit den Inspektoren sprechen, bei Bedarf mit einem Dolmetscher.",
    "Anzeichen dafür, dass Sie ausgebeutet werden könnten",
    "Sie verdienen sehr wenig oder nichts, oder Ihr Lohn wird einbehalten, um eine Schuld zu "
    "begleichen.\n"
    "Sie arbeiten sehr lange Tage ohne Ruhetage.\n"
    "Sie schlafen an Ihrem Arbeitsplatz oder in einer Unterkunft, die Ihr Arbeitgeber "
    "kontrolliert, unter schlechten Bedingungen.\n"
    "Jemand behält Ihre Dokumente, bedroht Sie oder Ihre Familie oder lässt Sie nicht gehen.",
    "45 Tage, um sich zu erholen und zu entscheiden",
    "Wenn Sie möglicherweise Opfer von Menschenhandel sind, können Sie ein "
    "Aufenthaltsdokument für 45 Tage erhalten, um sich zu erholen, sich beraten zu lassen und "
    "zu entscheiden, ob Sie Anzeige gegen die Menschen erstatten, die Sie ausgebeutet haben. "
    "Wenn Sie Anzeige erstatten, können Sie ein Aufenthaltsdokument erhalten, mit dem Sie "
    "arbeiten dürfen.",
    "Wer Ihnen helfen kann",
    "Spezialisierte Zentren bieten Unterkunft sowie medizinische, psychologische und "
    "rechtliche Hilfe, kostenlos und vertraulich: %(centres)s. Ihre Hilfe während der 45 Tage "
    "hängt nicht von einer Anzeige ab.",
    "Rufen Sie Tag und Nacht %(hotline)s an oder besuchen Sie %(website)s.",
)

ES = _t(
    "Sus derechos en el trabajo en Bélgica",
    "Este folleto es para toda persona que trabaja en Bélgica, sea cual sea su nacionalidad o "
    "su situación de residencia. Un inspector se lo ha entregado: puede quedárselo.",
    "Sus derechos",
    "Tiene derecho a cobrar por el trabajo que ha hecho, incluso sin permiso de trabajo.\n"
    "Tiene derecho a condiciones de trabajo seguras y a una vivienda digna.\n"
    "Nadie puede quedarse con su pasaporte ni con sus documentos de identidad.\n"
    "Puede hablar con los inspectores de forma confidencial, con un intérprete si lo necesita.",
    "Señales de que puede estar siendo explotado",
    "Gana muy poco o nada, o le retienen el salario para pagar una deuda.\n"
    "Trabaja jornadas muy largas sin días de descanso.\n"
    "Duerme en su lugar de trabajo o en una vivienda que controla su empleador, en malas "
    "condiciones.\n"
    "Alguien se queda con sus documentos, le amenaza a usted o a su familia, o no le deja "
    "marcharse.",
    "45 días para descansar y decidir",
    "Si puede ser víctima de trata de seres humanos, puede recibir un documento de residencia "
    "de 45 días para descansar, recibir asesoramiento y decidir si presenta una denuncia "
    "contra las personas que le explotaron. Si presenta una denuncia, puede recibir un "
    "documento de residencia que le permite trabajar.",
    "Quién puede ayudarle",
    "Centros especializados ofrecen alojamiento y ayuda médica, psicológica y jurídica, "
    "gratuita y confidencial: %(centres)s. Su ayuda durante los 45 días no depende de que "
    "presente una denuncia.",
    "Llame al %(hotline)s, de día y de noche, o visite %(website)s.",
)

PT = _t(
    "Os seus direitos no trabalho na Bélgica",
    "Este folheto destina-se a todas as pessoas que trabalham na Bélgica, qualquer que seja a "
    "sua nacionalidade ou situação de residência. Foi-lhe entregue por um inspetor: pode "
    "ficar com ele.",
    "Os seus direitos",
    "Tem direito a ser pago pelo trabalho que fez, mesmo sem autorização de trabalho.\n"
    "Tem direito a condições de trabalho seguras e a um alojamento digno.\n"
    "Ninguém pode ficar com o seu passaporte ou os seus documentos de identidade.\n"
    "Pode falar com os inspetores de forma confidencial, com um intérprete se precisar.",
    "Sinais de que pode estar a ser explorado",
    "Ganha muito pouco ou nada, ou o seu salário é retido para pagar uma dívida.\n"
    "Trabalha dias muito longos sem dias de descanso.\n"
    "Dorme no local de trabalho ou num alojamento controlado pelo seu empregador, em más "
    "condições.\n"
    "Alguém fica com os seus documentos, ameaça-o a si ou à sua família, ou não o deixa sair.",
    "45 dias para descansar e decidir",
    "Se puder ser vítima de tráfico de seres humanos, pode receber um documento de residência "
    "de 45 dias para descansar, receber aconselhamento e decidir se apresenta queixa contra "
    "as pessoas que o exploraram. Se apresentar queixa, pode receber um documento de "
    "residência que lhe permite trabalhar.",
    "Quem o pode ajudar",
    "Centros especializados oferecem alojamento e ajuda médica, psicológica e jurídica, "
    "gratuita e confidencial: %(centres)s. A ajuda deles durante os 45 dias não depende de "
    "apresentar queixa.",
    "Ligue para o %(hotline)s, de dia e de noite, ou visite %(website)s.",
)

IT = _t(
    "I tuoi diritti sul lavoro in Belgio",
    "Questo opuscolo è per chiunque lavori in Belgio, qualunque sia la sua nazionalità o la "
    "sua situazione di soggiorno. Te l'ha dato un ispettore: puoi tenerlo.",
    "I tuoi diritti",
    "Hai diritto a essere pagato per il lavoro svolto, anche senza permesso di lavoro.\n"
    "Hai diritto a condizioni di lavoro sicure e a un alloggio dignitoso.\n"
    "Nessuno può tenere il tuo passaporto o i tuoi documenti d'identità.\n"
    "Puoi parlare con gli ispettori in modo riservato, con un interprete se ne hai bisogno.",
    "Segnali che potresti essere sfruttato",
    "Guadagni pochissimo o niente, oppure il tuo salario viene trattenuto per ripagare un "
    "debito.\n"
    "Lavori giornate molto lunghe senza giorni di riposo.\n"
    "Dormi sul posto di lavoro o in un alloggio controllato dal tuo datore di lavoro, in "
    "cattive condizioni.\n"
    "Qualcuno tiene i tuoi documenti, minaccia te o la tua famiglia, o non ti lascia andare via.",
    "45 giorni per riposare e decidere",
    "Se potresti essere vittima di tratta di esseri umani, puoi ricevere un documento di "
    "soggiorno di 45 giorni per riposare, ricevere consigli e decidere se sporgere denuncia "
    "contro le persone che ti hanno sfruttato. Se sporgi denuncia, puoi ricevere un documento "
    "di soggiorno che ti permette di lavorare.",
    "Chi può aiutarti",
    "Centri specializzati offrono alloggio e assistenza medica, psicologica e legale, gratuita "
    "e riservata: %(centres)s. Il loro aiuto durante i 45 giorni non dipende da una denuncia.",
    "Chiama il %(hotline)s, giorno e notte, oppure visita %(website)s.",
)

RO = _t(
    "Drepturile tale la locul de muncă în Belgia",
    "Această broșură este pentru oricine lucrează în Belgia, indiferent de cetățenie sau de "
    "situația de ședere. Ți-a fost dată de un inspector: o poți păstra.",
    "Drepturile tale",
    "Ai dreptul să fii plătit pentru munca pe care ai făcut-o, chiar și fără permis de muncă.\n"
    "Ai dreptul la condiții de muncă sigure și la o locuință decentă.\n"
    "Nimeni nu are voie să îți păstreze pașaportul sau actele de identitate.\n"
    "Poți vorbi cu inspectorii în mod confidențial, cu un interpret dacă ai nevoie.",
    "Semne că ai putea fi exploatat",
    "Câștigi foarte puțin sau nimic, ori salariul îți este reținut pentru a plăti o datorie.\n"
    "Lucrezi zile foarte lungi, fără zile de odihnă.\n"
    "Dormi la locul de muncă sau într-o locuință controlată de angajator, în condiții proaste.\n"
    "Cineva îți păstrează actele, te amenință pe tine sau familia ta ori nu te lasă să pleci.",
    "45 de zile ca să te odihnești și să decizi",
    "Dacă ai putea fi victimă a traficului de persoane, poți primi un document de ședere "
    "pentru 45 de zile, ca să te odihnești, să primești sfaturi și să decizi dacă depui "
    "plângere împotriva celor care te-au exploatat. Dacă depui plângere, poți primi un "
    "document de ședere care îți permite să lucrezi.",
    "Cine te poate ajuta",
    "Centre specializate oferă adăpost și ajutor medical, psihologic și juridic, gratuit și "
    "confidențial: %(centres)s. Ajutorul lor în cele 45 de zile nu depinde de depunerea unei "
    "plângeri.",
    "Sună la %(hotline)s, zi și noapte, sau intră pe %(website)s.",
)

PL = _t(
    "Twoje prawa w pracy w Belgii",
    "Ta ulotka jest dla każdej osoby pracującej w Belgii, bez względu na obywatelstwo czy "
    "status pobytowy. Dał ci ją inspektor: możesz ją zatrzymać.",
    "Twoje prawa",
    "Masz prawo do zapłaty za wykonaną pracę, nawet bez zezwolenia na pracę.\n"
    "Masz prawo do bezpiecznych warunków pracy i godnego zakwaterowania.\n"
    "Nikt nie może zatrzymywać twojego paszportu ani dokumentów tożsamości.\n"
    "Możesz poufnie rozmawiać z inspektorami, w razie potrzeby z tłumaczem.",
    "Sygnały, że możesz być wykorzystywany",
    "Zarabiasz bardzo mało albo nic, albo twoje wynagrodzenie jest zatrzymywane na spłatę "
    "długu.\n"
    "Pracujesz bardzo długo, bez dni wolnych.\n"
    "Śpisz w miejscu pracy albo w mieszkaniu kontrolowanym przez pracodawcę, w złych "
    "warunkach.\n"
    "Ktoś zatrzymuje twoje dokumenty, grozi tobie lub twojej rodzinie albo nie pozwala ci "
    "odejść.",
    "45 dni na odpoczynek i decyzję",
    "Jeśli możesz być ofiarą handlu ludźmi, możesz otrzymać dokument pobytowy na 45 dni, aby "
    "odpocząć, uzyskać porady i zdecydować, czy złożyć skargę na osoby, które cię "
    "wykorzystywały. Jeśli złożysz skargę, możesz otrzymać dokument pobytowy, który pozwala "
    "ci pracować.",
    "Kto może ci pomóc",
    "Wyspecjalizowane ośrodki zapewniają schronienie oraz pomoc medyczną, psychologiczną i "
    "prawną, bezpłatnie i poufnie: %(centres)s. Ich pomoc w ciągu tych 45 dni nie zależy od "
    "złożenia skargi.",
    "Zadzwoń pod numer %(hotline)s, w dzień i w nocy, lub wejdź na %(website)s.",
)

BG = _t(
    "Вашите права на работното място в Белгия",
    "Тази брошура е за всеки, който работи в Белгия, независимо от гражданството или статута "
    "на пребиваване. Даде ви я инспектор: можете да я задържите.",
    "Вашите права",
    "Имате право да получите заплащане за свършената работа, дори без разрешение за работа.\n"
    "Имате право на безопасни условия на труд и на достойно жилище.\n"
    "Никой няма право да задържа паспорта или документите ви за самоличност.\n"
    "Можете да говорите поверително с инспекторите, при нужда с преводач.",
    "Признаци, че може да сте експлоатирани",
    "Печелите много малко или нищо, или заплатата ви се удържа, за да се изплати дълг.\n"
    "Работите много дълги дни без почивни дни.\n"
    "Спите на работното място или в жилище, контролирано от работодателя, при лоши условия.\n"
    "Някой задържа документите ви, заплашва вас или семейството ви или не ви позволява да си "
    "тръгнете.",
    "45 дни, за да си починете и да решите",
    "Ако може да сте жертва на трафик на хора, можете да получите документ за пребиваване за "
    "45 дни, за да си починете, да получите съвет и да решите дали да подадете жалба срещу "
    "хората, които са ви експлоатирали. Ако подадете жалба, можете да получите документ за "
    "пребиваване, който ви позволява да работите.",
    "Кой може да ви помогне",
    "Специализирани центрове предлагат подслон и медицинска, психологическа и правна помощ, "
    "безплатно и поверително: %(centres)s. Помощта им през тези 45 дни не зависи от "
    "подаването на жалба.",
    "Обадете се на %(hotline)s денем и нощем или посетете %(website)s.",
)

RU = _t(
    "Ваши права на работе в Бельгии",
    "Эта листовка предназначена для всех, кто работает в Бельгии, независимо от гражданства и "
    "статуса пребывания. Её вам дал инспектор: вы можете оставить её себе.",
    "Ваши права",
    "Вы имеете право на оплату выполненной работы, даже без разрешения на работу.\n"
    "Вы имеете право на безопасные условия труда и достойное жильё.\n"
    "Никто не имеет права удерживать ваш паспорт или документы, удостоверяющие личность.\n"
    "Вы можете конфиденциально поговорить с инспекторами, при необходимости с переводчиком.",
    "Признаки того, что вас, возможно, эксплуатируют",
    "Вы зарабатываете очень мало или ничего, или вашу зарплату удерживают в счёт долга.\n"
    "Вы работаете очень долгие дни без выходных.\n"
    "Вы спите на рабочем месте или в жилье, которое контролирует работодатель, в плохих "
    "условиях.\n"
    "Кто-то удерживает ваши документы, угрожает вам или вашей семье или не отпускает вас.",
    "45 дней, чтобы отдохнуть и принять решение",
    "Если вы, возможно, стали жертвой торговли людьми, вы можете получить документ на "
    "пребывание сроком на 45 дней, чтобы отдохнуть, получить консультацию и решить, "
    "подавать ли жалобу на людей, которые вас эксплуатировали. Если вы подадите жалобу, вы "
    "можете получить документ на пребывание, который даёт право работать.",
    "Кто может вам помочь",
    "Специализированные центры предоставляют жильё, медицинскую, психологическую и "
    "юридическую помощь бесплатно и конфиденциально: %(centres)s. Их помощь в течение этих "
    "45 дней не зависит от подачи жалобы.",
    "Звоните по номеру %(hotline)s днём и ночью или посетите %(website)s.",
)

UK = _t(
    "Ваші права на роботі в Бельгії",
    "Ця листівка призначена для всіх, хто працює в Бельгії, незалежно від громадянства чи "
    "статусу перебування. Її вам дав інспектор: ви можете залишити її собі.",
    "Ваші права",
    "Ви маєте право на оплату виконаної роботи, навіть без дозволу на роботу.\n"
    "Ви маєте право на безпечні умови праці та гідне житло.\n"
    "Ніхто не має права тримати у себе ваш паспорт чи документи, що посвідчують особу.\n"
    "Ви можете конфіденційно поговорити з інспекторами, за потреби з перекладачем.",
    "Ознаки того, що вас, можливо, експлуатують",
    "Ви заробляєте дуже мало або нічого, або вашу зарплату утримують для сплати боргу.\n"
    "Ви працюєте дуже довгі дні без вихідних.\n"
    "Ви спите на робочому місці або в житлі, яке контролює роботодавець, у поганих умовах.\n"
    "Хтось тримає у себе ваші документи, погрожує вам чи вашій родині або не відпускає вас.",
    "45 днів, щоб відпочити й ухвалити рішення",
    "Якщо ви, можливо, стали жертвою торгівлі людьми, ви можете отримати документ на "
    "перебування строком на 45 днів, щоб відпочити, отримати консультацію й вирішити, чи "
    "подавати скаргу на людей, які вас експлуатували. Якщо ви подасте скаргу, ви можете "
    "отримати документ на перебування, який дає право працювати.",
    "Хто може вам допомогти",
    "Спеціалізовані центри надають житло, медичну, психологічну та юридичну допомогу "
    "безкоштовно й конфіденційно: %(centres)s. Їхня допомога протягом цих 45 днів не "
    "залежить від подання скарги.",
    "Телефонуйте за номером %(hotline)s вдень і вночі або відвідайте %(website)s.",
)

TR = _t(
    "Belçika'da iş yerindeki haklarınız",
    "Bu broşür, vatandaşlığı veya oturum durumu ne olursa olsun Belçika'da çalışan herkes "
    "içindir. Size bir müfettiş verdi: saklayabilirsiniz.",
    "Haklarınız",
    "Çalışma izniniz olmasa bile yaptığınız iş için ücret alma hakkınız vardır.\n"
    "Güvenli çalışma koşullarına ve insana yakışır bir konuta hakkınız vardır.\n"
    "Hiç kimse pasaportunuzu veya kimlik belgelerinizi alıkoyamaz.\n"
    "Müfettişlerle gizli olarak, gerekirse bir tercüman yardımıyla konuşabilirsiniz.",
    "Sömürülüyor olabileceğinizin işaretleri",
    "Çok az kazanıyorsunuz ya da hiç kazanmıyorsunuz veya ücretiniz bir borcu ödemek için "
    "kesiliyor.\n"
    "Dinlenme günü olmadan çok uzun saatler çalışıyorsunuz.\n"
    "İş yerinizde ya da işvereninizin kontrol ettiği bir konutta, kötü koşullarda "
    "yatıyorsunuz.\n"
    "Birisi belgelerinizi alıkoyuyor, sizi veya ailenizi tehdit ediyor ya da gitmenize izin "
    "vermiyor.",
    "Dinlenmek ve karar vermek için 45 gün",
    "İnsan ticaretinin mağduru olabilirseniz, dinlenmek, danışmanlık almak ve sizi sömüren "
    "kişiler hakkında şikâyette bulunup bulunmayacağınıza karar vermek için 45 günlük bir "
    "oturum belgesi alabilirsiniz. Şikâyette bulunursanız, çalışmanıza izin veren bir oturum "
    "belgesi alabilirsiniz.",
    "Size kim yardım edebilir",
    "Uzman merkezler barınma ile tıbbi, psikolojik ve hukuki yardımı ücretsiz ve gizli olarak "
    "sunar: %(centres)s. Bu 45 gün boyunca verdikleri yardım, şikâyette bulunmanıza bağlı "
    "değildir.",
    "Gece gündüz %(hotline)s numarasını arayın veya %(website)s adresini ziyaret edin.",
)

SQ = _t(
    "Të drejtat tuaja në punë në Belgjikë",
    "Kjo fletëpalosje është për këdo që punon në Belgjikë, pavarësisht nga shtetësia ose "
    "statusi i qëndrimit. Jua dha një inspektor: mund ta mbani.",
    "Të drejtat tuaja",
    "Keni të drejtë të paguheni për punën që keni bërë, edhe pa leje pune.\n"
    "Keni të drejtë për kushte pune të sigurta dhe për banim të denjë.\n"
    "Askush nuk ka të drejtë t'ju mbajë pasaportën ose dokumentet e identitetit.\n"
    "Mund të flisni me inspektorët në mënyrë konfidenciale, me përkthyes nëse ju nevojitet.",
    "Shenja që mund të jeni duke u shfrytëzuar",
    "Fitoni shumë pak ose asgjë, ose paga juaj mbahet për të shlyer një borxh.\n"
    "Punoni ditë shumë të gjata pa ditë pushimi.\n"
    "Flini në vendin e punës ose në një banesë që e kontrollon punëdhënësi, në kushte të "
    "këqija.\n"
    "Dikush ju mban dokumentet, ju kërcënon juve ose familjen tuaj, ose nuk ju lë të largoheni.",
    "45 ditë për t'u çlodhur dhe për të vendosur",
    "Nëse mund të jeni viktimë e trafikimit të qenieve njerëzore, mund të merrni një dokument "
    "qëndrimi për 45 ditë, për t'u çlodhur, për të marrë këshilla dhe për të vendosur nëse do "
    "të bëni kallëzim kundër personave që ju shfrytëzuan. Nëse bëni kallëzim, mund të merrni "
    "një dokument qëndrimi që ju lejon të punoni.",
    "Kush mund t'ju ndihmojë",
    "Qendrat e specializuara ofrojnë strehim dhe ndihmë mjekësore, psikologjike dhe ligjore, "
    "falas dhe në mënyrë konfidenciale: %(centres)s. Ndihma e tyre gjatë këtyre 45 ditëve nuk "
    "varet nga kallëzimi.",
    "Telefononi %(hotline)s, ditë e natë, ose vizitoni %(website)s.",
)

AR = _t(
    "حقوقك في العمل في بلجيكا",
    "هذه النشرة موجهة إلى كل من يعمل في بلجيكا، مهما كانت جنسيته أو وضع إقامته. أعطاك إياها "
    "مفتش: يمكنك الاحتفاظ بها.",
    "حقوقك",
    "لك الحق في أن تتقاضى أجرًا عن العمل الذي قمت به، حتى بدون تصريح عمل.\n"
    "لك الحق في ظروف عمل آمنة وفي سكن لائق.\n"
    "لا يحق لأحد أن يحتفظ بجواز سفرك أو بوثائق هويتك.\n"
    "يمكنك التحدث مع المفتشين بسرية، وبمساعدة مترجم إذا احتجت إلى ذلك.",
    "علامات تدل على أنك قد تكون ضحية استغلال",
    "تكسب القليل جدًا أو لا شيء، أو يُحتجز أجرك لسداد دين.\n"
    "تعمل أيامًا طويلة جدًا بدون أيام راحة.\n"
    "تنام في مكان عملك أو في سكن يتحكم فيه صاحب العمل، في ظروف سيئة.\n"
    "شخص ما يحتفظ بوثائقك، أو يهددك أو يهدد عائلتك، أو لا يسمح لك بالمغادرة.",
    "45 يومًا للراحة واتخاذ القرار",
    "إذا كنت قد تكون ضحية للاتجار بالبشر، يمكنك الحصول على وثيقة إقامة لمدة 45 يومًا، لكي "
    "ترتاح وتحصل على المشورة وتقرر ما إذا كنت ستقدم شكوى ضد الأشخاص الذين استغلوك. إذا قدمت "
    "شكوى، يمكنك الحصول على وثيقة إقامة تسمح لك بالعمل.",
    "من يمكنه مساعدتك",
    "تقدم مراكز متخصصة المأوى والمساعدة الطبية والنفسية والقانونية، مجانًا وبسرية تامة: "
    "%(centres)s. مساعدتهم خلال هذه الأيام الخمسة والأربعين لا تتوقف على تقديم شكوى.",
    "اتصل بالرقم %(hotline)s ليلًا ونهارًا، أو زر الموقع %(website)s.",
)

FA = _t(
    "حقوق شما در محل کار در بلژیک",
    "این بروشور برای هر کسی است که در بلژیک کار می‌کند، صرف‌نظر از تابعیت یا وضعیت اقامت. "
    "یک بازرس آن را به شما داده است: می‌توانید آن را نگه دارید.",
    "حقوق شما",
    "شما حق دارید برای کاری که انجام داده‌اید دستمزد بگیرید، حتی بدون اجازهٔ کار.\n"
    "شما حق دارید شرایط کاری ایمن و مسکن مناسب داشته باشید.\n"
    "هیچ‌کس حق ندارد گذرنامه یا مدارک هویتی شما را نزد خود نگه دارد.\n"
    "می‌توانید به‌طور محرمانه با بازرسان صحبت کنید، در صورت نیاز با کمک مترجم.",
    "نشانه‌هایی که ممکن است مورد بهره‌کشی قرار گرفته باشید",
    "بسیار کم یا هیچ درآمدی ندارید، یا دستمزدتان برای پرداخت یک بدهی نگه داشته می‌شود.\n"
    "روزهای بسیار طولانی و بدون روز استراحت کار می‌کنید.\n"
    "در محل کار یا در خانه‌ای که کارفرما کنترل می‌کند، در شرایط بد می‌خوابید.\n"
    "کسی مدارک شما را نگه می‌دارد، شما یا خانواده‌تان را تهدید می‌کند، یا نمی‌گذارد بروید.",
    "۴۵ روز برای استراحت و تصمیم‌گیری",
    "اگر ممکن است قربانی قاچاق انسان باشید، می‌توانید یک مدرک اقامت ۴۵ روزه دریافت کنید تا "
    "استراحت کنید، مشاوره بگیرید و تصمیم بگیرید که آیا علیه کسانی که از شما بهره‌کشی "
    "کرده‌اند شکایت می‌کنید یا نه. اگر شکایت کنید، می‌توانید مدرک اقامتی دریافت کنید که به "
    "شما اجازهٔ کار می‌دهد.",
    "چه کسی می‌تواند به شما کمک کند",
    "مراکز تخصصی سرپناه و کمک پزشکی، روانی و حقوقی را رایگان و محرمانه ارائه می‌دهند: "
    "%(centres)s. کمک آن‌ها در این ۴۵ روز به شکایت کردن شما بستگی ندارد.",
    "شب و روز با شمارهٔ %(hotline)s تماس بگیرید یا به %(website)s مراجعه کنید.",
)

ZH = _t(
    "您在比利时工作时的权利",
    "本传单面向所有在比利时工作的人，无论其国籍或居留身份如何。这是检查员交给您的：您可以保留。",
    "您的权利",
    "即使没有工作许可，您也有权为您所做的工作获得报酬。\n"
    "您有权获得安全的工作条件和体面的住房。\n"
    "任何人都无权扣留您的护照或身份证件。\n"
    "您可以与检查员保密交谈，如有需要可以请口译员协助。",
    "您可能正在被剥削的迹象",
    "您挣得很少或什么也没挣到，或者您的工资被扣下用来还债。\n"
    "您每天工作时间很长，没有休息日。\n"
    "您睡在工作场所或雇主控制的住处，条件很差。\n"
    "有人扣留您的证件，威胁您或您的家人，或者不让您离开。",
    "45天的休息和考虑时间",
    "如果您可能是人口贩运的受害者，您可以获得一份为期45天的居留文件，用来休息、获得咨询，"
    "并决定是否对剥削您的人提出控告。如果您提出控告，您可以获得一份允许您工作的居留文件。",
    "谁可以帮助您",
    "专门中心免费并保密地提供住所以及医疗、心理和法律帮助：%(centres)s。"
    "在这45天里，他们的帮助不取决于您是否提出控告。",
    "请日夜拨打 %(hotline)s，或访问 %(website)s。",
)

VI = _t(
    "Quyền của bạn khi làm việc tại Bỉ",
    "Tờ thông tin này dành cho tất cả những ai làm việc tại Bỉ, bất kể quốc tịch hay tình "
    "trạng cư trú. Một thanh tra viên đã đưa nó cho bạn: bạn có thể giữ lại.",
    "Quyền của bạn",
    "Bạn có quyền được trả lương cho công việc đã làm, kể cả khi không có giấy phép lao động.\n"
    "Bạn có quyền được làm việc trong điều kiện an toàn và có chỗ ở đàng hoàng.\n"
    "Không ai được phép giữ hộ chiếu hoặc giấy tờ tùy thân của bạn.\n"
    "Bạn có thể nói chuyện bí mật với thanh tra viên, có phiên dịch nếu bạn cần.",
    "Dấu hiệu cho thấy bạn có thể đang bị bóc lột",
    "Bạn kiếm được rất ít hoặc không có gì, hoặc tiền lương của bạn bị giữ lại để trả nợ.\n"
    "Bạn làm việc nhiều giờ mỗi ngày mà không có ngày nghỉ.\n"
    "Bạn ngủ tại nơi làm việc hoặc ở chỗ ở do chủ lao động kiểm soát, trong điều kiện tồi tệ.\n"
    "Có người giữ giấy tờ của bạn, đe dọa bạn hoặc gia đình bạn, hoặc không cho bạn rời đi.",
    "45 ngày để nghỉ ngơi và quyết định",
    "Nếu bạn có thể là nạn nhân của nạn buôn người, bạn có thể nhận được giấy tờ cư trú trong "
    "45 ngày để nghỉ ngơi, được tư vấn và quyết định có tố cáo những người đã bóc lột bạn hay "
    "không. Nếu bạn tố cáo, bạn có thể nhận được giấy tờ cư trú cho phép bạn làm việc.",
    "Ai có thể giúp bạn",
    "Các trung tâm chuyên biệt cung cấp chỗ ở và hỗ trợ y tế, tâm lý và pháp lý, miễn phí và "
    "bảo mật: %(centres)s. Sự giúp đỡ của họ trong 45 ngày này không phụ thuộc vào việc bạn "
    "có tố cáo hay không.",
    "Hãy gọi %(hotline)s, cả ngày lẫn đêm, hoặc truy cập %(website)s.",
)

TL = _t(
    "Ang iyong mga karapatan sa trabaho sa Belgium",
    "Ang polyetong ito ay para sa lahat ng nagtatrabaho sa Belgium, anuman ang nasyonalidad o "
    "katayuan ng paninirahan. Ibinigay ito sa iyo ng isang inspektor: maaari mo itong itago.",
    "Ang iyong mga karapatan",
    "May karapatan kang mabayaran para sa trabahong ginawa mo, kahit wala kang work permit.\n"
    "May karapatan ka sa ligtas na kondisyon sa trabaho at sa disenteng tirahan.\n"
    "Walang sinuman ang may karapatang humawak ng iyong pasaporte o mga dokumento ng "
    "pagkakakilanlan.\n"
    "Maaari kang makipag-usap nang kumpidensiyal sa mga inspektor, may tagasalin kung "
    "kailangan mo.",
    "Mga palatandaan na maaaring ikaw ay pinagsasamantalahan",
    "Napakaliit o wala kang kinikita, o pinipigil ang iyong sahod para ipambayad sa utang.\n"
    "Napakahaba ng oras ng iyong trabaho araw-araw at wala kang araw ng pahinga.\n"
    "Natutulog ka sa lugar ng trabaho o sa tirahang kontrolado ng iyong employer, sa masamang "
    "kondisyon.\n"
    "May humahawak ng iyong mga dokumento, nagbabanta sa iyo o sa iyong pamilya, o hindi ka "
    "pinapayagang umalis.",
    "45 araw para magpahinga at magpasya",
    "Kung maaaring biktima ka ng human trafficking, maaari kang makatanggap ng dokumento ng "
    "paninirahan na may bisang 45 araw, para makapagpahinga, makakuha ng payo at makapagpasya "
    "kung magsasampa ka ng reklamo laban sa mga taong nagsamantala sa iyo. Kung magsasampa ka "
    "ng reklamo, maaari kang makatanggap ng dokumento ng paninirahan na nagpapahintulot sa "
    "iyong magtrabaho.",
    "Sino ang maaaring tumulong sa iyo",
    "Ang mga espesyalisadong sentro ay nagbibigay ng matutuluyan at tulong medikal, "
    "sikolohikal at legal, nang libre at kumpidensiyal: %(centres)s. Ang kanilang tulong sa "
    "loob ng 45 araw na ito ay hindi nakadepende sa pagsasampa mo ng reklamo.",
    "Tumawag sa %(hotline)s, araw o gabi, o bisitahin ang %(website)s.",
)

HI = _t(
    "बेल्जियम में काम पर आपके अधिकार",
    "यह पर्चा बेल्जियम में काम करने वाले हर व्यक्ति के लिए है, चाहे उसकी राष्ट्रीयता या निवास की "
    "स्थिति कुछ भी हो। यह आपको एक निरीक्षक ने दिया है: आप इसे अपने पास रख सकते हैं।",
    "आपके अधिकार",
    "आपको किए गए काम का भुगतान पाने का अधिकार है, वर्क परमिट न होने पर भी।\n"
    "आपको सुरक्षित कामकाजी परिस्थितियों और सम्मानजनक आवास का अधिकार है।\n"
    "किसी को भी आपका पासपोर्ट या पहचान के दस्तावेज़ अपने पास रखने का अधिकार नहीं है।\n"
    "आप निरीक्षकों से गोपनीय रूप से बात कर सकते हैं, ज़रूरत हो तो दुभाषिए की मदद से।",
    "संकेत कि आपका शोषण हो रहा हो सकता है",
    "आप बहुत कम या कुछ भी नहीं कमाते, या कर्ज़ चुकाने के लिए आपका वेतन रोक लिया जाता है।\n"
    "आप बिना छुट्टी के दिन बहुत लंबे समय तक काम करते हैं।\n"
    "आप अपने काम की जगह पर या मालिक द्वारा नियंत्रित आवास में, खराब हालात में सोते हैं।\n"
    "कोई आपके दस्तावेज़ अपने पास रखता है, आपको या आपके परिवार को धमकाता है, या आपको जाने नहीं देता।",
    "आराम करने और फ़ैसला करने के लिए 45 दिन",
    "अगर आप मानव तस्करी के शिकार हो सकते हैं, तो आपको 45 दिनों का निवास दस्तावेज़ मिल सकता है, "
    "ताकि आप आराम कर सकें, सलाह ले सकें और तय कर सकें कि जिन लोगों ने आपका शोषण किया उनके "
    "ख़िलाफ़ शिकायत दर्ज करें या नहीं। अगर आप शिकायत दर्ज करते हैं, तो आपको ऐसा निवास दस्तावेज़ "
    "मिल सकता है जिससे आप काम कर सकें।",
    "आपकी मदद कौन कर सकता है",
    "विशेष केंद्र मुफ़्त और गोपनीय रूप से रहने की जगह तथा चिकित्सा, मनोवैज्ञानिक और कानूनी सहायता "
    "देते हैं: %(centres)s। इन 45 दिनों में उनकी मदद इस पर निर्भर नहीं करती कि आप शिकायत दर्ज "
    "करते हैं या नहीं।",
    "दिन-रात %(hotline)s पर कॉल करें, या %(website)s पर जाएँ।",
)

# Dari as written in Afghanistan: its own words where they differ from Iranian Persian
# (معاش, مشوره, ترجمان, صحی, رخصتی, پاسپورت, تذکره, بلجیم).
FA_AF = _t(
    "حقوق شما در کار در بلجیم",
    "این ورق معلوماتی برای هر کسی است که در بلجیم کار می‌کند، بدون در نظر داشت تابعیت یا "
    "وضعیت اقامت او. یک بازرس آن را به شما داده است: می‌توانید آن را نزد خود نگه دارید.",
    "حقوق شما",
    "شما حق دارید برای کاری که انجام داده‌اید معاش بگیرید، حتی اگر جواز کار نداشته باشید.\n"
    "شما حق دارید در شرایط مصئون کار کنید و جای بود و باش مناسب داشته باشید.\n"
    "هیچ کس حق ندارد پاسپورت، تذکره یا دیگر اسناد هویت شما را نزد خود نگه دارد.\n"
    "می‌توانید به طور محرمانه با بازرسان صحبت کنید، و اگر لازم باشد با کمک ترجمان.",
    "نشانه‌هایی که شاید از شما استثمار می‌شود",
    "بسیار کم یا هیچ پولی به دست نمی‌آورید، یا معاش شما برای پرداخت قرض نگه داشته می‌شود.\n"
    "روزهای بسیار طولانی کار می‌کنید و روز رخصتی ندارید.\n"
    "در جای کار خود یا در خانه‌ای که کارفرما کنترول می‌کند، در شرایط بد می‌خوابید.\n"
    "کسی اسناد شما را نزد خود نگه می‌دارد، شما یا خانواده‌تان را تهدید می‌کند، یا نمی‌گذارد "
    "که بروید.",
    "۴۵ روز برای استراحت و تصمیم‌گیری",
    "اگر ممکن است قربانی قاچاق انسان باشید، می‌توانید یک سند اقامت ۴۵ روزه بگیرید تا استراحت "
    "کنید، مشوره بگیرید و تصمیم بگیرید که آیا علیه کسانی که از شما استثمار کرده‌اند شکایت "
    "می‌کنید یا نه. اگر شکایت کنید، می‌توانید سند اقامتی بگیرید که به شما اجازهٔ کار می‌دهد.",
    "چه کسی می‌تواند به شما کمک کند",
    "مراکز تخصصی به طور رایگان و محرمانه جای پناه و کمک صحی، روانی و حقوقی می‌دهند: "
    "%(centres)s. کمک آن‌ها در این ۴۵ روز به شکایت کردن شما بستگی ندارد.",
    "شب و روز به شمارهٔ %(hotline)s زنگ بزنید یا به %(website)s مراجعه کنید.",
)

UR = _t(
    "بیلجیم میں کام کے دوران آپ کے حقوق",
    "یہ کتابچہ ہر اس شخص کے لیے ہے جو بیلجیم میں کام کرتا ہے، چاہے اس کی قومیت یا رہائشی "
    "حیثیت کچھ بھی ہو۔ یہ آپ کو ایک انسپکٹر نے دیا ہے: آپ اسے اپنے پاس رکھ سکتے ہیں۔",
    "آپ کے حقوق",
    "آپ کو اپنے کیے ہوئے کام کی اجرت ملنے کا حق ہے، چاہے آپ کے پاس ورک پرمٹ نہ ہو۔\n"
    "آپ کو کام کے محفوظ حالات اور مناسب رہائش کا حق ہے۔\n"
    "کوئی بھی آپ کا پاسپورٹ یا شناختی دستاویزات اپنے پاس نہیں رکھ سکتا۔\n"
    "آپ انسپکٹروں سے رازداری کے ساتھ بات کر سکتے ہیں، اور ضرورت ہو تو مترجم کی مدد لے سکتے ہیں۔",
    "ایسی علامات کہ شاید آپ کا استحصال ہو رہا ہے",
    "آپ بہت کم یا کچھ بھی نہیں کماتے، یا قرض چکانے کے لیے آپ کی تنخواہ روک لی جاتی ہے۔\n"
    "آپ چھٹی کے دن کے بغیر روزانہ بہت لمبے وقت تک کام کرتے ہیں۔\n"
    "آپ اپنی کام کی جگہ پر یا ایسی رہائش میں جو آپ کے آجر کے قبضے میں ہے، برے حالات میں "
    "سوتے ہیں۔\n"
    "کوئی آپ کی دستاویزات اپنے پاس رکھتا ہے، آپ کو یا آپ کے خاندان کو دھمکاتا ہے، یا آپ کو "
    "جانے نہیں دیتا۔",
    "آرام کرنے اور فیصلہ کرنے کے لیے 45 دن",
    "اگر آپ انسانی اسمگلنگ کا شکار ہو سکتے ہیں تو آپ کو 45 دن کے لیے رہائشی دستاویز مل سکتی "
    "ہے، تاکہ آپ آرام کر سکیں، مشورہ لے سکیں اور فیصلہ کر سکیں کہ آپ ان لوگوں کے خلاف شکایت "
    "درج کرائیں گے یا نہیں جنہوں نے آپ کا استحصال کیا۔ اگر آپ شکایت درج کراتے ہیں تو آپ کو "
    "ایسی رہائشی دستاویز مل سکتی ہے جس کے ساتھ آپ کام کر سکتے ہیں۔",
    "آپ کی مدد کون کر سکتا ہے",
    "خصوصی مراکز مفت اور رازداری کے ساتھ رہنے کی جگہ اور طبی، نفسیاتی اور قانونی مدد دیتے "
    "ہیں: %(centres)s۔ ان 45 دنوں میں ان کی مدد اس بات پر منحصر نہیں کہ آپ شکایت درج کرائیں "
    "یا نہیں۔",
    "دن رات %(hotline)s پر فون کریں، یا %(website)s دیکھیں۔",
)

BN = _t(
    "বেলজিয়ামে কাজের ক্ষেত্রে আপনার অধিকার",
    "এই প্রচারপত্রটি বেলজিয়ামে কাজ করা প্রত্যেক মানুষের জন্য, তাদের জাতীয়তা বা বসবাসের "
    "অনুমতির অবস্থা যা-ই হোক না কেন। একজন পরিদর্শক এটি আপনাকে দিয়েছেন: আপনি এটি নিজের "
    "কাছে রেখে দিতে পারেন।",
    "আপনার অধিকার",
    "ওয়ার্ক পারমিট না থাকলেও, আপনি যে কাজ করেছেন তার মজুরি পাওয়ার অধিকার আপনার আছে।\n"
    "নিরাপদ কাজের পরিবেশ এবং ভালো বাসস্থানের অধিকার আপনার আছে।\n"
    "কেউ আপনার পাসপোর্ট বা পরিচয়ের কাগজপত্র নিজের কাছে রাখতে পারে না।\n"
    "আপনি পরিদর্শকদের সাথে গোপনে কথা বলতে পারেন, প্রয়োজন হলে দোভাষীর সাহায্যে।",
    "যেসব লক্ষণে বোঝা যায় আপনি হয়তো শোষণের শিকার",
    "আপনি খুব কম আয় করেন বা কিছুই পান না, অথবা ঋণ শোধের জন্য আপনার মজুরি আটকে রাখা হয়।\n"
    "আপনি ছুটির দিন ছাড়া প্রতিদিন অনেক লম্বা সময় কাজ করেন।\n"
    "আপনি খারাপ অবস্থায় আপনার কাজের জায়গায় বা মালিকের নিয়ন্ত্রণে থাকা বাসায় ঘুমান।\n"
    "কেউ আপনার কাগজপত্র নিজের কাছে রাখে, আপনাকে বা আপনার পরিবারকে হুমকি দেয়, অথবা "
    "আপনাকে চলে যেতে দেয় না।",
    "বিশ্রাম নিতে ও সিদ্ধান্ত নিতে ৪৫ দিন",
    "আপনি যদি মানব পাচারের শিকার হয়ে থাকতে পারেন, তাহলে ৪৫ দিনের জন্য একটি বসবাসের "
    "কাগজ পেতে পারেন, যাতে আপনি বিশ্রাম নিতে, পরামর্শ নিতে এবং যারা আপনাকে শোষণ করেছে "
    "তাদের বিরুদ্ধে অভিযোগ করবেন কি না তা ঠিক করতে পারেন। আপনি অভিযোগ করলে এমন একটি "
    "বসবাসের কাগজ পেতে পারেন, যা দিয়ে আপনি কাজ করতে পারবেন।",
    "কে আপনাকে সাহায্য করতে পারে",
    "বিশেষ কেন্দ্রগুলো বিনা খরচে ও গোপনে থাকার জায়গা এবং চিকিৎসা, মানসিক ও আইনি সহায়তা "
    "দেয়: %(centres)s। এই ৪৫ দিনে তাদের সাহায্য আপনার অভিযোগ করার উপর নির্ভর করে না।",
    "দিনে বা রাতে যেকোনো সময় %(hotline)s নম্বরে ফোন করুন, অথবা %(website)s দেখুন।",
)

PA = _t(
    "ਬੈਲਜੀਅਮ ਵਿੱਚ ਕੰਮ ਦੌਰਾਨ ਤੁਹਾਡੇ ਅਧਿਕਾਰ",
    "ਇਹ ਪਰਚਾ ਬੈਲਜੀਅਮ ਵਿੱਚ ਕੰਮ ਕਰਨ ਵਾਲੇ ਹਰ ਵਿਅਕਤੀ ਲਈ ਹੈ, ਭਾਵੇਂ ਉਸਦੀ ਕੌਮੀਅਤ ਜਾਂ ਰਿਹਾਇਸ਼ੀ "
    "ਸਥਿਤੀ ਕੋਈ ਵੀ ਹੋਵੇ। ਇਹ ਤੁਹਾਨੂੰ ਇੱਕ ਇੰਸਪੈਕਟਰ ਨੇ ਦਿੱਤਾ ਹੈ: ਤੁਸੀਂ ਇਸਨੂੰ ਆਪਣੇ ਕੋਲ ਰੱਖ "
    "ਸਕਦੇ ਹੋ।",
    "ਤੁਹਾਡੇ ਅਧਿਕਾਰ",
    "ਤੁਹਾਨੂੰ ਕੀਤੇ ਹੋਏ ਕੰਮ ਦੀ ਤਨਖਾਹ ਲੈਣ ਦਾ ਅਧਿਕਾਰ ਹੈ, ਭਾਵੇਂ ਤੁਹਾਡੇ ਕੋਲ ਵਰਕ ਪਰਮਿਟ ਨਾ ਹੋਵੇ।\n"
    "ਤੁਹਾਨੂੰ ਕੰਮ ਦੇ ਸੁਰੱਖਿਅਤ ਹਾਲਾਤ ਅਤੇ ਚੰਗੀ ਰਿਹਾਇਸ਼ ਦਾ ਅਧਿਕਾਰ ਹੈ।\n"
    "ਕੋਈ ਵੀ ਤੁਹਾਡਾ ਪਾਸਪੋਰਟ ਜਾਂ ਪਛਾਣ ਦੇ ਕਾਗਜ਼ ਆਪਣੇ ਕੋਲ ਨਹੀਂ ਰੱਖ ਸਕਦਾ।\n"
    "ਤੁਸੀਂ ਇੰਸਪੈਕਟਰਾਂ ਨਾਲ ਗੁਪਤ ਤੌਰ ’ਤੇ ਗੱਲ ਕਰ ਸਕਦੇ ਹੋ, ਲੋੜ ਹੋਵੇ ਤਾਂ ਦੁਭਾਸ਼ੀਏ ਦੀ ਮਦਦ ਨਾਲ।",
    "ਨਿਸ਼ਾਨੀਆਂ ਕਿ ਸ਼ਾਇਦ ਤੁਹਾਡਾ ਸ਼ੋਸ਼ਣ ਹੋ ਰਿਹਾ ਹੈ",
    "ਤੁਸੀਂ ਬਹੁਤ ਘੱਟ ਜਾਂ ਕੁਝ ਵੀ ਨਹੀਂ ਕਮਾਉਂਦੇ, ਜਾਂ ਕਰਜ਼ਾ ਚੁਕਾਉਣ ਲਈ ਤੁਹਾਡੀ ਤਨਖਾਹ ਰੋਕ ਲਈ "
    "ਜਾਂਦੀ ਹੈ।\n"
    "ਤੁਸੀਂ ਬਿਨਾਂ ਛੁੱਟੀ ਦੇ ਹਰ ਰੋਜ਼ ਬਹੁਤ ਲੰਮੇ ਸਮੇਂ ਤੱਕ ਕੰਮ ਕਰਦੇ ਹੋ।\n"
    "ਤੁਸੀਂ ਆਪਣੀ ਕੰਮ ਵਾਲੀ ਥਾਂ ’ਤੇ ਜਾਂ ਮਾਲਕ ਦੇ ਕਬਜ਼ੇ ਵਾਲੀ ਰਿਹਾਇਸ਼ ਵਿੱਚ, ਮਾੜੇ ਹਾਲਾਤ ਵਿੱਚ "
    "ਸੌਂਦੇ ਹੋ।\n"
    "ਕੋਈ ਤੁਹਾਡੇ ਕਾਗਜ਼ ਆਪਣੇ ਕੋਲ ਰੱਖਦਾ ਹੈ, ਤੁਹਾਨੂੰ ਜਾਂ ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਨੂੰ ਧਮਕੀਆਂ ਦਿੰਦਾ ਹੈ, "
    "ਜਾਂ ਤੁਹਾਨੂੰ ਜਾਣ ਨਹੀਂ ਦਿੰਦਾ।",
    "ਆਰਾਮ ਕਰਨ ਅਤੇ ਫ਼ੈਸਲਾ ਕਰਨ ਲਈ 45 ਦਿਨ",
    "ਜੇ ਤੁਸੀਂ ਮਨੁੱਖੀ ਤਸਕਰੀ ਦਾ ਸ਼ਿਕਾਰ ਹੋ ਸਕਦੇ ਹੋ, ਤਾਂ ਤੁਹਾਨੂੰ 45 ਦਿਨਾਂ ਲਈ ਰਿਹਾਇਸ਼ ਦਾ "
    "ਦਸਤਾਵੇਜ਼ ਮਿਲ ਸਕਦਾ ਹੈ, ਤਾਂ ਜੋ ਤੁਸੀਂ ਆਰਾਮ ਕਰ ਸਕੋ, ਸਲਾਹ ਲੈ ਸਕੋ ਅਤੇ ਫ਼ੈਸਲਾ ਕਰ ਸਕੋ ਕਿ "
    "ਜਿਨ੍ਹਾਂ ਲੋਕਾਂ ਨੇ ਤੁਹਾਡਾ ਸ਼ੋਸ਼ਣ ਕੀਤਾ, ਉਨ੍ਹਾਂ ਵਿਰੁੱਧ ਸ਼ਿਕਾਇਤ ਦਰਜ ਕਰਵਾਉਣੀ ਹੈ ਜਾਂ ਨਹੀਂ। "
    "ਜੇ ਤੁਸੀਂ ਸ਼ਿਕਾਇਤ ਦਰਜ ਕਰਵਾਉਂਦੇ ਹੋ, ਤਾਂ ਤੁਹਾਨੂੰ ਅਜਿਹਾ ਰਿਹਾਇਸ਼ੀ ਦਸਤਾਵੇਜ਼ ਮਿਲ ਸਕਦਾ ਹੈ "
    "ਜਿਸ ਨਾਲ ਤੁਸੀਂ ਕੰਮ ਕਰ ਸਕਦੇ ਹੋ।",
    "ਤੁਹਾਡੀ ਮਦਦ ਕੌਣ ਕਰ ਸਕਦਾ ਹੈ",
    "ਖ਼ਾਸ ਕੇਂਦਰ ਮੁਫ਼ਤ ਅਤੇ ਗੁਪਤ ਤੌਰ ’ਤੇ ਰਹਿਣ ਦੀ ਥਾਂ ਅਤੇ ਡਾਕਟਰੀ, ਮਾਨਸਿਕ ਅਤੇ ਕਾਨੂੰਨੀ ਮਦਦ "
    "ਦਿੰਦੇ ਹਨ: %(centres)s। ਇਹਨਾਂ 45 ਦਿਨਾਂ ਦੌਰਾਨ ਉਹਨਾਂ ਦੀ ਮਦਦ ਇਸ ਗੱਲ ’ਤੇ ਨਿਰਭਰ ਨਹੀਂ ਕਰਦੀ "
    "ਕਿ ਤੁਸੀਂ ਸ਼ਿਕਾਇਤ ਦਰਜ ਕਰਵਾਉਂਦੇ ਹੋ ਜਾਂ ਨਹੀਂ।",
    "ਦਿਨ-ਰਾਤ %(hotline)s ’ਤੇ ਫ਼ੋਨ ਕਰੋ, ਜਾਂ %(website)s ਵੇਖੋ।",
)

NE = _t(
    "बेल्जियममा काम गर्दा तपाईंका अधिकारहरू",
    "यो पर्चा बेल्जियममा काम गर्ने सबैका लागि हो, उनीहरूको राष्ट्रियता वा बसोबासको स्थिति "
    "जेसुकै होस्। यो तपाईंलाई एक निरीक्षकले दिनुभएको हो: तपाईं यसलाई आफूसँग राख्न "
    "सक्नुहुन्छ।",
    "तपाईंका अधिकारहरू",
    "वर्क परमिट नभए पनि, तपाईंले गरेको कामको ज्याला पाउने अधिकार तपाईंलाई छ।\n"
    "तपाईंलाई सुरक्षित कामको वातावरण र राम्रो आवासको अधिकार छ।\n"
    "कसैले पनि तपाईंको राहदानी वा परिचयपत्र आफूसँग राख्न पाउँदैन।\n"
    "तपाईं निरीक्षकहरूसँग गोप्य रूपमा कुरा गर्न सक्नुहुन्छ, आवश्यक परे दोभासेको सहयोगमा।",
    "तपाईंको शोषण भइरहेको हुन सक्छ भन्ने संकेतहरू",
    "तपाईं धेरै थोरै कमाउनुहुन्छ वा केही पनि कमाउनुहुन्न, वा ऋण तिर्न भनेर तपाईंको तलब "
    "रोकिन्छ।\n"
    "तपाईं बिदाको दिनबिना हरेक दिन धेरै लामो समय काम गर्नुहुन्छ।\n"
    "तपाईं आफ्नो कार्यस्थलमा वा रोजगारदाताले नियन्त्रण गरेको आवासमा, खराब अवस्थामा "
    "सुत्नुहुन्छ।\n"
    "कसैले तपाईंका कागजपत्र आफूसँग राख्छ, तपाईं वा तपाईंको परिवारलाई धम्की दिन्छ, वा "
    "तपाईंलाई जान दिँदैन।",
    "आराम गर्न र निर्णय गर्न ४५ दिन",
    "यदि तपाईं मानव बेचबिखनको पीडित हुन सक्नुहुन्छ भने, तपाईंले ४५ दिनको बसोबास कागजात "
    "पाउन सक्नुहुन्छ, ताकि तपाईं आराम गर्न, सल्लाह लिन र तपाईंको शोषण गर्नेहरूविरुद्ध उजुरी "
    "दिने कि नदिने भन्ने निर्णय गर्न सक्नुहुन्छ। यदि तपाईंले उजुरी दिनुभयो भने, तपाईंले काम "
    "गर्न अनुमति दिने बसोबास कागजात पाउन सक्नुहुन्छ।",
    "तपाईंलाई कसले मद्दत गर्न सक्छ",
    "विशेष केन्द्रहरूले निःशुल्क र गोप्य रूपमा बस्ने ठाउँ तथा स्वास्थ्य, मनोवैज्ञानिक र "
    "कानुनी सहयोग दिन्छन्: %(centres)s। यी ४५ दिनमा उनीहरूको सहयोग तपाईंले उजुरी "
    "दिनुभयो कि दिनुभएन भन्नेमा निर्भर गर्दैन।",
    "दिन होस् वा रात, %(hotline)s मा फोन गर्नुहोस्, वा %(website)s हेर्नुहोस्।",
)

# Languages with a text of their own. The others (Pashto, Tigrinya, Amharic) have none yet:
# the English text is shown with the pending notice until the coordination unit enters a
# translation — a text nobody on the project can vouch for would be worse than none.
BUILT_IN: dict[str, tuple[TextStatus, Text]] = {
    "en": (TextStatus.SOURCE, EN),
    "fr": (TextStatus.DRAFT, FR),
    "nl": (TextStatus.DRAFT, NL),
    "de": (TextStatus.DRAFT, DE),
    "es": (TextStatus.DRAFT, ES),
    "pt": (TextStatus.DRAFT, PT),
    "it": (TextStatus.DRAFT, IT),
    "ro": (TextStatus.DRAFT, RO),
    "pl": (TextStatus.DRAFT, PL),
    "bg": (TextStatus.DRAFT, BG),
    "ru": (TextStatus.DRAFT, RU),
    "uk": (TextStatus.DRAFT, UK),
    "tr": (TextStatus.DRAFT, TR),
    "sq": (TextStatus.DRAFT, SQ),
    "ar": (TextStatus.DRAFT, AR),
    "fa": (TextStatus.DRAFT, FA),
    "zh-Hans": (TextStatus.DRAFT, ZH),
    "vi": (TextStatus.DRAFT, VI),
    "tl": (TextStatus.DRAFT, TL),
    "hi": (TextStatus.DRAFT, HI),
    "fa-AF": (TextStatus.DRAFT, FA_AF),
    "ur": (TextStatus.DRAFT, UR),
    "bn": (TextStatus.DRAFT, BN),
    "pa": (TextStatus.DRAFT, PA),
    "ne": (TextStatus.DRAFT, NE),
}
