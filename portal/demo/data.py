"""Word lists and fixed texts for the demo data set. Everything visible is
Danish; the generators in text.py combine these with a seeded random."""

# (name, slug, description, is_focus)
SECTORS = [
    (
        "Produktion og fremstilling",
        "produktion",
        "Fremstillingsvirksomheder, fra maskinfabrikker og fødevareproduktion til "
        "plast, metal og elektronik. Pagtens fokussektor i 2026.",
        True,
    ),
    (
        "Byggeri og anlæg",
        "byggeri",
        "Entreprenører, håndværk, rådgivning og drift af bygninger og anlæg.",
        False,
    ),
    (
        "Transport og logistik",
        "transport",
        "Lager, distribution, vognmænd, havne og persontransport.",
        False,
    ),
    (
        "Handel og service",
        "handel",
        "Detail, engros, hotel og restauration samt servicevirksomheder.",
        False,
    ),
    (
        "Sundhed og omsorg",
        "sundhed",
        "Hospitaler, plejecentre, hjemmepleje og sundhedsfaglige virksomheder.",
        False,
    ),
    (
        "Offentlig forvaltning",
        "offentlig",
        "Kommuner, regioner, styrelser og andre offentlige arbejdspladser.",
        False,
    ),
    (
        "Finans og forsikring",
        "finans",
        "Banker, pensionskasser, forsikring og finansiel rådgivning.",
        False,
    ),
    (
        "IT og tele",
        "it",
        "Softwarehuse, konsulenter, hosting og telekommunikation.",
        False,
    ),
    (
        "Uddannelse",
        "uddannelse",
        "Erhvervsskoler, AMU, akademier, professionshøjskoler og universiteter.",
        False,
    ),
    (
        "Landbrug og fødevarer",
        "landbrug",
        "Primærlandbrug, gartnerier, slagterier og fødevareforarbejdning.",
        False,
    ),
    (
        "Energi og forsyning",
        "energi",
        "Vind, fjernvarme, vand, spildevand og elforsyning.",
        False,
    ),
    (
        "Rådgivning og liberale erhverv",
        "raadgivning",
        "Advokater, revisorer, ingeniørrådgivning og kommunikation.",
        False,
    ),
]

THEMES = [
    (
        "Ledelse og strategi",
        "ledelse-og-strategi",
        "Opkvalificering virker bedst, når ledelsen sætter retning og gør AI-læring "
        "til en del af hverdagen.",
    ),
    (
        "Kompetencestrategi",
        "kompetencestrategi",
        "92 % mangler stadig en kompetencestrategi. Her er værktøjerne til at lave en.",
    ),
    (
        "On-the-job-training",
        "on-the-job-training",
        "Praksisnær opkvalificering fordobler effekten på arbejdsglæde og faglig "
        "udvikling.",
    ),
    (
        "Læringskultur",
        "laeringskultur",
        "En kultur, hvor man må prøve, fejle og dele, gør det lettere at tage AI i "
        "brug.",
    ),
    (
        "Jobsikkerhed og CV-pleje",
        "jobsikkerhed-og-cv-pleje",
        "AI-kompetencer er aktiv CV-pleje og skaber tryghed i arbejdet.",
    ),
    (
        "Generativ AI i praksis",
        "generativ-ai",
        "Konkrete anvendelser af sprogmodeller og assistenter i det daglige arbejde.",
    ),
    (
        "Ansvarlig AI og dataetik",
        "ansvarlig-ai",
        "Datasikkerhed, GDPR, AI-forordningen og gode vaner i brugen af AI.",
    ),
]

# The levels the portal migration creates (portal 0006); the demo fills in
# their descriptions.
COMPETENCE_LEVELS = [
    ("Begynder", "begynder", "Ingen forudsætninger: første skridt med AI."),
    ("Øvet", "oevet", "Har prøvet AI-værktøjer og vil bruge dem i hverdagen."),
    ("Avanceret", "avanceret", "Bygger, tilpasser og leder arbejdet med AI."),
]
# The areas the portal migration creates (portal 0008), in their order.
COMPETENCE_AREAS = [
    ("Forståelse af AI", "forstaaelse", "Hvad AI er, kan og ikke kan."),
    ("Anvendelse af AI", "anvendelse", "AI-værktøjer brugt sikkert i hverdagen."),
    ("Udvikling med AI", "udvikling", "Processer og løsninger forbedret med AI."),
    ("Styring og governance", "styring", "Regler, roller, data og risici."),
    ("Strategi og retning", "strategi", "Hvorfor og hvor I vil hen med AI."),
    ("Ledelsesforankring", "ledelsesforankring", "Ledere, der går forrest."),
    ("Læringskultur", "laeringskultur", "Man prøver, deler og lærer af fejl."),
    (
        "On-the-job-træning og sidemandsoplæring",
        "on-the-job",
        "Læring ved linjen og kollega til kollega.",
    ),
    ("Tryghed og CV-pleje", "tryghed", "Tryghed i jobbet og et stærkere CV."),
    (
        "Ansvarlig brug og AI-forordningens art. 4",
        "ansvarlig-brug",
        "Ansvarlig brug og dokumenteret AI-kundskab.",
    ),
]
# The areas a theme speaks to, and the area a format builds first: a
# demo tool's areas follow from what it is about and what it is.
THEME_AREAS = {
    "ledelse-og-strategi": ["ledelsesforankring", "strategi"],
    "kompetencestrategi": ["strategi"],
    "on-the-job-training": ["on-the-job"],
    "laeringskultur": ["laeringskultur"],
    "jobsikkerhed-og-cv-pleje": ["tryghed"],
    "generativ-ai": ["anvendelse"],
    "ansvarlig-ai": ["ansvarlig-brug", "styring"],
}
FORMAT_AREAS = {
    "skabelon": "anvendelse",
    "guide": "forstaaelse",
    "tjekliste": "styring",
    "workshopkit": "udvikling",
    "kursus": "forstaaelse",
    "video": "forstaaelse",
    "promptbibliotek": "anvendelse",
    "metode": "udvikling",
}
# A format's usual levels; a tool gets one or two of them.
FORMAT_LEVELS = {
    "skabelon": ["begynder", "oevet"],
    "guide": ["begynder", "oevet"],
    "tjekliste": ["begynder"],
    "workshopkit": ["oevet", "avanceret"],
    "kursus": ["begynder", "oevet", "avanceret"],
    "video": ["begynder"],
    "promptbibliotek": ["oevet", "avanceret"],
    "metode": ["oevet", "avanceret"],
}

AUDIENCES = [
    ("Ledere", "ledere", "Topledelse, mellemledere og teamledere."),
    ("HR og L&D", "hr-og-ld", "HR-partnere, uddannelsesansvarlige og L&D."),
    ("Medarbejdere", "medarbejdere", "Alle medarbejdere, uanset funktion."),
    (
        "Produktionsmedarbejdere",
        "produktionsmedarbejdere",
        "Operatører, teknikere og medarbejdere på gulvet og ved linjen.",
    ),
    (
        "Tillidsrepræsentanter",
        "tillidsrepraesentanter",
        "Tillids- og arbejdsmiljørepræsentanter.",
    ),
    ("Undervisere", "undervisere", "Undervisere, instruktører og superbrugere."),
]

# Partner names ------------------------------------------------------------

PLACES = [
    "Nordvest",
    "Limfjords",
    "Vestjysk",
    "Himmerlands",
    "Djurslands",
    "Midtjysk",
    "Sønderjysk",
    "Østjysk",
    "Sydfyns",
    "Vendsyssel",
    "Salling",
    "Thy",
    "Mols",
    "Kattegat",
    "Skjern",
    "Gudenå",
    "Lillebælt",
    "Storstrøm",
    "Odsherred",
    "Bornholms",
    "Herning",
    "Brande",
    "Ikast",
    "Hobro",
    "Skive",
    "Tarm",
    "Vejen",
    "Rødding",
    "Hammel",
    "Grindsted",
]

PRODUCTION_WORDS = [
    ("Metal", "metalbearbejdning"),
    ("Stål", "stålkonstruktioner"),
    ("Plast", "sprøjtestøbning af plastemner"),
    ("Emballage", "emballage til fødevarer"),
    ("Maskinfabrik", "specialmaskiner"),
    ("Træindustri", "møbel- og træemner"),
    ("Hydraulik", "hydrauliske komponenter"),
    ("Elektronik", "printkort og elektronikmontage"),
    ("Komponenter", "underleverancer til vindindustrien"),
    ("Pumpeteknik", "pumper og ventiler"),
    ("Glas", "glas- og facadeelementer"),
    ("Støberi", "støbte emner i jern og aluminium"),
    ("Beslag", "beslag og smedeemner"),
    ("Automation", "robotceller og automation"),
    ("Mejeri", "ost og mejeriprodukter"),
    ("Bageri", "industribagværk"),
    ("Vinduer", "vinduer og døre"),
    ("Beton", "betonelementer"),
    ("Gummi", "gummi- og tætningsprodukter"),
    ("Tekstil", "teknisk tekstil"),
]

LEGAL_FORMS = ["A/S", "ApS", "A/S", "ApS", "K/S"]

OTHER_COMPANIES = [
    # (name, sector slug, what they do)
    ("Kystbyg Entreprise A/S", "byggeri", "hoved- og fagentrepriser i Jylland"),
    ("Fjordhuse Byg ApS", "byggeri", "renovering af boliger"),
    ("Nordlys Logistik A/S", "transport", "lager og distribution"),
    ("Baltic Fragt ApS", "transport", "vognmandskørsel og fragt"),
    ("Bølge Forsikring", "finans", "skade- og erhvervsforsikring"),
    ("Fjordbanken", "finans", "bankforretning for private og erhverv"),
    ("Kodeværket ApS", "it", "softwareudvikling og AI-integration"),
    ("Datalund IT A/S", "it", "drift og rådgivning om IT"),
    ("Købmandsgården Handel A/S", "handel", "detailhandel med dagligvarer"),
    ("Solsikke Pleje ApS", "sundhed", "privat hjemmepleje"),
    ("Vindkraft Service Vest A/S", "energi", "service på vindmøller"),
    ("Grøn Varme Forsyning", "energi", "fjernvarme og vandforsyning"),
    ("Rådgivningshuset Tangent", "raadgivning", "ingeniør- og procesrådgivning"),
    ("Markdal Gartneri ApS", "landbrug", "væksthusgrønsager"),
]

EDUCATION = [
    ("Erhvervsakademi Vestkyst", "erhvervsakademi"),
    ("Teknisk Skole Limfjord", "erhvervsskole"),
    ("AMU-center Midtøst", "amu"),
    ("Professionshøjskolen Kattegat", "professionshøjskole"),
    ("Handelsskolen Gudenå", "erhvervsskole"),
    ("Produktionsskolen Lillebælt", "erhvervsskole"),
    ("AMU Sydjylland", "amu"),
    ("Erhvervsakademi Storstrøm", "erhvervsakademi"),
    ("Teknisk Skole Himmerland", "erhvervsskole"),
    ("Efteruddannelsescentret Trekanten", "amu"),
    ("Akademiet for Digital Ledelse", "erhvervsakademi"),
    ("Maskinmesterskolen Nordvest", "erhvervsakademi"),
    ("VUC Kystland", "vuc"),
    ("Ingeniørhøjskolen Østersø", "professionshøjskole"),
]

ORGANISATIONS = [
    ("Foreningen for Digital Produktion", "produktion"),
    ("Brancheforeningen for Plast og Komposit", "produktion"),
    ("Netværket Kvinder i Industrien", "produktion"),
    ("Fagligt Fællesskab for Procesoperatører", "produktion"),
    ("Lederforeningen Midt", "raadgivning"),
    ("Danske Underleverandører i Netværk", "produktion"),
    ("Rådet for Ansvarlig Teknologi", "it"),
    ("HR-netværket Trekantområdet", "raadgivning"),
    ("Tænketanken Arbejde og AI", "offentlig"),
    ("Skovlund Kommune", "offentlig"),
    ("Region Vesterhavet", "sundhed"),
    ("Arbejdsmiljønetværket Fremstilling", "produktion"),
    ("Foreningen af Tillidsrepræsentanter i Industrien", "produktion"),
    ("Klyngen for Fødevareteknologi", "landbrug"),
]

FIRST_NAMES = [
    "Mette",
    "Anders",
    "Lone",
    "Jesper",
    "Karina",
    "Thomas",
    "Susanne",
    "Morten",
    "Pia",
    "Rasmus",
    "Hanne",
    "Kasper",
    "Louise",
    "Henrik",
    "Camilla",
    "Mads",
    "Tina",
    "Søren",
    "Birgitte",
    "Jonas",
    "Ayşe",
    "Ahmad",
    "Katarzyna",
    "Piotr",
    "Olena",
    "Nikolaj",
    "Malene",
    "Bo",
    "Dorthe",
    "Emil",
]

LAST_NAMES = [
    "Holm",
    "Nielsen",
    "Jensen",
    "Kristensen",
    "Sørensen",
    "Mikkelsen",
    "Damgaard",
    "Bech",
    "Lund",
    "Østergaard",
    "Vestergaard",
    "Kjær",
    "Bundgaard",
    "Thomsen",
    "Poulsen",
    "Møller",
    "Yilmaz",
    "Nowak",
    "Kowalski",
    "Hansen",
    "Skov",
    "Brandt",
    "Frost",
    "Krogh",
    "Dahl",
]

COMPANY_ROLES = [
    "produktionschef",
    "HR-chef",
    "operatør",
    "tillidsrepræsentant",
    "vedligeholdelsestekniker",
    "administrerende direktør",
    "L&D-partner",
    "teamleder på skiftehold 2",
    "kvalitetsingeniør",
    "superbruger",
    "lagerchef",
    "driftsleder",
]

EDUCATION_ROLES = [
    "uddannelseschef",
    "underviser",
    "konsulent i virksomhedsforløb",
    "projektleder",
]

ORGANISATION_ROLES = ["sekretariatschef", "konsulent", "projektleder", "formand"]

# Tools --------------------------------------------------------------------

# theme slug -> list of (topic, goal) : topic fits after a format prefix,
# goal continues "hjælper ... med at"
TOOL_TOPICS = {
    "ledelse-og-strategi": [
        ("AI-strategi på én side", "sætte en tydelig retning for AI i virksomheden"),
        ("ledelsens første 90 dage med AI", "komme fra ambition til konkret handling"),
        ("prioritering af AI-muligheder", "vælge de første tre AI-indsatser"),
        ("AI-roadmap for produktionen", "planlægge AI-indsatsen kvartal for kvartal"),
        (
            "ledelsesforankring af AI-projekter",
            "give AI-projekterne ejerskab i ledelsen",
        ),
        ("tavlemøder med AI på dagsordenen", "gøre AI til en fast del af driften"),
    ],
    "kompetencestrategi": [
        ("kompetencekortlægning for AI", "finde ud af, hvor medarbejderne står i dag"),
        ("kompetencestrategi for AI", "skrive en kompetencestrategi på få uger"),
        ("kompetencematrix for operatører", "se hvem der kan hvad på skifteholdene"),
        ("AI-kompetenceprofiler", "beskrive hvad forskellige job kræver af AI"),
        (
            "uddannelsesplan for hele virksomheden",
            "planlægge opkvalificering for alle medarbejdergrupper",
        ),
        (
            "finansiering af efteruddannelse",
            "finde midler til opkvalificering gennem fonde og AMU",
        ),
    ],
    "on-the-job-training": [
        ("sidemandsoplæring med AI-assistent", "lære nye kolleger op ved maskinen"),
        ("AI ved linjen på 15 minutter", "træne i korte moduler midt i produktionen"),
        ("superbrugere på gulvet", "uddanne superbrugere, der hjælper kollegerne"),
        ("mikrolæring på skiftholdet", "lære lidt hver dag uden at stoppe linjen"),
        ("læring i det daglige tavlemøde", "dele et AI-trick på fem minutter"),
        ("praksisnære AI-opgaver", "øve AI på egne arbejdsopgaver i stedet for kurser"),
    ],
    "laeringskultur": [
        ("AI-caféer i frokostpausen", "skabe uformelle rum for at prøve AI sammen"),
        ("prøvehandlinger med AI", "teste små eksperimenter og dele erfaringerne"),
        ("videndeling mellem skiftehold", "dele gode eksempler på tværs af holdene"),
        ("fejlkultur og eksperimenter", "gøre det trygt at prøve og fejle med AI"),
        ("læringsmakkere", "sætte kolleger sammen to og to om at lære AI"),
    ],
    "jobsikkerhed-og-cv-pleje": [
        ("AI-kompetencer på CV'et", "beskrive nye AI-kompetencer i CV og jobprofil"),
        ("samtalen om jobsikkerhed og AI", "tale åbent om bekymringer og muligheder"),
        ("kompetencebevis efter forløbet", "dokumentere det, medarbejderne har lært"),
        ("MUS med AI-fokus", "sætte AI-udvikling på dagsordenen i MUS"),
        ("tryghed i AI-omstillingen", "sikre at omstillingen sker med medarbejderne"),
    ],
    "generativ-ai": [
        ("gode prompts til vedligehold", "skrive prompts, der hjælper i fejlsøgning"),
        ("AI til arbejdsinstruktioner", "lave klare instruktioner på flere sprog"),
        ("AI til kvalitetsrapporter", "skrive afvigelsesrapporter hurtigere"),
        ("AI-assistenten i hverdagen", "bruge en AI-assistent til mails og referater"),
        ("oversættelse af sikkerhedsinstrukser", "nå kolleger på deres eget sprog"),
        ("AI til tilbud og ordrebekræftelser", "spare tid i salg og administration"),
        ("billedgenkendelse i kvalitetskontrol", "finde fejl tidligere i processen"),
    ],
    "ansvarlig-ai": [
        ("AI-politik for mindre virksomheder", "lave enkle regler for brug af AI"),
        ("GDPR og generativ AI", "undgå at dele persondata med AI-tjenester"),
        (
            "vurdering af AI-risici",
            "vurdere risici, før et nyt AI-værktøj tages i brug",
        ),
        ("EU's AI-forordning i praksis", "forstå hvad AI-forordningen betyder for jer"),
        ("fortrolige data og chatbots", "beskytte tegninger, kundedata og opskrifter"),
        ("kildekritik over for AI-svar", "tjekke AI's svar, før de bruges"),
    ],
}

FORMAT_PREFIXES = {
    "skabelon": ["Skabelon: {topic}", "Skabelon til {topic}"],
    "guide": [
        "Guide: {topic}",
        "Kom godt i gang med {topic}",
        "Sådan lykkes I med {topic}",
    ],
    "tjekliste": ["Tjekliste: {topic}", "Tjekliste til {topic}"],
    "workshopkit": ["Workshopkit: {topic}", "Workshop om {topic}"],
    "kursus": ["E-læring: {topic}", "Kursus i {topic}", "Online forløb: {topic}"],
    "video": ["Videoserie: {topic}", "Kort video om {topic}"],
    "promptbibliotek": ["Promptbibliotek: {topic}", "Promptsamling til {topic}"],
    "metode": ["Metode: {topic}", "Model for {topic}"],
}

FORMAT_NOUNS = {
    "skabelon": "En skabelon",
    "guide": "En trin-for-trin-guide",
    "tjekliste": "En kort tjekliste",
    "workshopkit": "Et færdigt workshopkit",
    "kursus": "Et online forløb",
    "video": "En serie korte videoer",
    "promptbibliotek": "En samling afprøvede prompts",
    "metode": "En enkel metode",
}

QUALIFIERS = [
    "",
    "",
    "",
    "",
    " for produktionsvirksomheder",
    " i mindre virksomheder",
    " på skifteholdet",
    " for teamledere",
]

AUDIENCE_PHRASES = {
    "ledere": "ledere",
    "hr-og-ld": "HR-medarbejdere",
    "medarbejdere": "medarbejdere",
    "produktionsmedarbejdere": "operatører",
    "tillidsrepraesentanter": "tillidsrepræsentanter",
    "undervisere": "undervisere",
}

TOOL_DETAILS = [
    "Værktøjet er afprøvet hos flere af pagtens partnere.",
    "Det tager udgangspunkt i jeres egne arbejdsopgaver.",
    "Det kræver ingen forudsætninger og kan bruges fra i morgen.",
    "Det er udviklet sammen med tillidsrepræsentanter og ledere.",
    "Materialet kan tilpasses jeres egen virksomhed.",
    "Det er lavet til at blive brugt i korte bidder mellem opgaverne.",
]

EFFORTS = [
    "15 min",
    "30 min",
    "45 min",
    "1 time",
    "2 timer",
    "3 x 45 min",
    "En halv dag",
    "En hel dag",
    "4 uger, 1 time om ugen",
    "6 moduler á 20 min",
]

TAGS = [
    "ChatGPT",
    "Copilot",
    "prompting",
    "SMV",
    "skifteholdsarbejde",
    "sikkerhed",
    "kvalitet",
    "vedligehold",
    "onboarding",
    "tavlemøde",
    "GDPR",
    "AI-forordningen",
    "superbrugere",
    "mikrolæring",
    "flersproget",
    "MUS",
    "strategi",
    "kompetencekortlægning",
    "AMU",
    "arbejdsmiljø",
    "lean",
    "dokumentation",
]

STEP_SETS = [
    [
        ("Vælg en konkret opgave", "Find en opgave, som går igen hver uge."),
        ("Prøv AI sammen", "Løs opgaven med AI to og to, og notér hvad der virker."),
        ("Del resultatet", "Fortæl holdet om det ved næste tavlemøde."),
    ],
    [
        ("Kortlæg", "Udfyld skemaet for hver medarbejdergruppe."),
        ("Prioritér", "Vælg de tre kompetencer, der giver størst værdi."),
        ("Planlæg", "Sæt navne og datoer på forløbet."),
        ("Følg op", "Tag status efter tre måneder."),
    ],
    [
        ("Forbered", "Print materialet og book et mødelokale tæt på produktionen."),
        (
            "Afhold workshoppen",
            "Følg drejebogen og brug eksemplerne fra jeres egen linje.",
        ),
        (
            "Aftal næste skridt",
            "Hver deltager vælger én ting at prøve inden for en uge.",
        ),
    ],
]

# Cases --------------------------------------------------------------------

# Each storyline keeps a case coherent: its title, challenge, approach and
# results tell the same story. "production" storylines only go to production
# companies, "education" ones to educational institutions.
STORYLINES = [
    {
        "owners": "production",
        "themes": ["on-the-job-training", "laeringskultur"],
        "formats": ["on-the-job"],
        "titles": [
            "Sådan fik {n} operatører AI ind i hverdagen hos {short}",
            "{short}: 15 minutter ved linjen to gange om ugen",
            "AI-læring ved maskinen hos {short}",
        ],
        "summary": "{n} medarbejdere lærte at bruge AI ved linjen i korte moduler "
        "i stedet for på kursus.",
        "challenges": [
            "{short} havde svært ved at finde tid til opkvalificering. Produktionen "
            "kører i tre skift, og klassiske kurser betød, at linjerne stod stille.",
            "Hos {short} havde kun få medarbejdere prøvet AI, og de kurser, der "
            "fandtes, lå langt fra hverdagen ved linjen.",
        ],
        "approaches": [
            "I stedet for kurser lagde vi læringen ind i hverdagen: 15 minutter ved "
            "linjen, to gange om ugen, med en kollega som makker og opgaver fra "
            "egen produktion.",
            "Hvert skiftehold fik to superbrugere, som viste kollegerne "
            "AI-assistenten, når der skulle stilles om eller fejlsøges.",
        ],
        "results": [
            "Efter et halvt år bruger {pct} % af operatørerne AI mindst én gang om "
            "ugen, og læringen ved linjen giver mere mening end et kursus.",
            "{n} medarbejdere har lært at bruge AI i deres eget arbejde, uden at "
            "linjerne har stået stille en eneste time.",
        ],
        "effects": [
            "Bruger AI ugentligt",
            "Højere arbejdsglæde",
            "Øget tryghed i jobbet",
        ],
    },
    {
        "owners": "production",
        "themes": ["on-the-job-training", "generativ-ai"],
        "formats": ["on-the-job", "blended"],
        "titles": [
            "{short}: sidemandsoplæring med AI halverede indkøringstiden",
            "Nye kolleger kommer hurtigere i gang hos {short}",
        ],
        "summary": "Med en AI-assistent ved siden af sidemandsoplæringen blev "
        "indkøringstiden for nye medarbejdere halveret.",
        "challenges": [
            "Nye medarbejdere hos {short} skulle bruge op til tre måneder på at lære "
            "maskinerne at kende, og erfaringen sad i hovedet på få kolleger.",
            "{short} ansætter mange nye hvert år, og de erfarne kolleger brugte en "
            "stor del af deres tid på at svare på de samme spørgsmål.",
        ],
        "approaches": [
            "Vi samlede de erfarne kollegers viden i en AI-assistent, som nye "
            "medarbejdere bruger ved maskinen, mens de bliver oplært af en makker.",
            "Sammen med {school} lavede vi et oplæringsforløb, hvor AI hjælper med "
            "instruktioner, og en erfaren kollega følger op hver dag.",
        ],
        "results": [
            "Indkøringstiden for nye medarbejdere er faldet fra tolv til seks uger, "
            "og erfaringen deles nu på tværs af skifteholdene.",
            "Nye kolleger er selvkørende efter halvt så lang tid, og de erfarne "
            "oplever, at de har fået mere tid til de svære opgaver.",
        ],
        "effects": ["Kortere indkøringstid", "Sparet tid pr. medarbejder"],
    },
    {
        "owners": "production",
        "themes": ["generativ-ai", "on-the-job-training"],
        "formats": ["on-the-job", "blended"],
        "titles": [
            "{short} lærte {n} kolleger at bruge AI på deres eget sprog",
            "Arbejdsinstruktioner på seks sprog hos {short}",
        ],
        "summary": "AI-oversatte arbejdsinstruktioner, tjekket af operatørerne selv, "
        "gjorde det lettere for alle at lære.",
        "challenges": [
            "Medarbejderne hos {short} taler seks forskellige sprog, og "
            "arbejdsinstruktionerne fandtes kun på dansk.",
        ],
        "approaches": [
            "Vi oversatte arbejdsinstruktionerne med AI og lod operatørerne selv "
            "tjekke og rette dem, så de blev både korrekte og forståelige.",
            "Et hold af flersprogede superbrugere lærte at bruge AI til at "
            "oversætte og forklare instruktioner, og de lærte derefter kollegerne op.",
        ],
        "results": [
            "Alle instruktioner findes nu på de sprog, medarbejderne taler, og "
            "antallet af fejl ved omstillinger er faldet mærkbart.",
            "{pct} % af medarbejderne siger, at de nu forstår instruktionerne bedre, "
            "og flere tør bruge AI på egen hånd.",
        ],
        "effects": ["Færre kvalitetsafvigelser", "Bruger AI ugentligt"],
    },
    {
        "owners": "production",
        "themes": ["generativ-ai", "ledelse-og-strategi"],
        "formats": ["blended", "kursus"],
        "titles": [
            "AI i kvalitetskontrollen hos {short}",
            "{short} skriver afvigelsesrapporter på halvdelen af tiden",
        ],
        "summary": "Kvalitetsteamet lærte at bruge AI til rapporter og fejlsøgning, "
        "og afvigelserne blev færre.",
        "challenges": [
            "Hos {short} brugte kvalitetsteknikerne mange timer om ugen på "
            "afvigelsesrapporter, og de samme fejl gik igen.",
        ],
        "approaches": [
            "Vi gav kvalitetsteamet et kort kursus i AI og fulgte op med ugentlige "
            "sessioner, hvor de brugte AI på egne rapporter.",
            "Operatørerne lærte at beskrive fejl, så AI kunne hjælpe med at finde "
            "mønstre, og ledelsen fulgte resultaterne på tavlemødet.",
        ],
        "results": [
            "Afvigelsesrapporterne skrives på halvdelen af tiden, og kvaliteten af "
            "dokumentationen er blevet markant bedre.",
            "Vi finder fejlene tidligere, og {n} medarbejdere har lært at bruge AI "
            "i deres daglige kvalitetsarbejde.",
        ],
        "effects": ["Færre kvalitetsafvigelser", "Sparet tid pr. medarbejder"],
    },
    {
        "owners": "any",
        "themes": ["ledelse-og-strategi", "kompetencestrategi"],
        "formats": ["blended", "kursus"],
        "titles": [
            "Kompetencestrategi på 8 uger hos {short}",
            "Ledelsen gik forrest: AI-forløbet hos {short}",
        ],
        "summary": "Ledelsen satte retning og lavede en kompetencestrategi, så alle "
        "medarbejdergrupper fik et forløb.",
        "challenges": [
            "Som mange andre manglede {short} en kompetencestrategi. Der var "
            "ildsjæle, der brugte AI, men ingen fælles plan for resten.",
            "Hos {short} var AI noget, man havde hørt om, men ikke brugte. Ledelsen "
            "manglede en tydelig retning.",
        ],
        "approaches": [
            "Vi startede med en workshop for ledergruppen, hvor vi blev enige om tre "
            "konkrete mål for AI. Derefter fik hver afdeling en superbruger.",
            "Vi kortlagde kompetencerne i alle teams med en enkel matrix og lavede en "
            "plan, hvor hver medarbejder fik et forløb tilpasset sit job.",
        ],
        "results": [
            "Vi har nu en kompetencestrategi, som ledelsen følger op på hvert "
            "kvartal, og {n} medarbejdere har gennemført deres første forløb.",
            "Alle ledere har AI-mål i deres egen plan, og {pct} % af medarbejderne "
            "har været på et forløb.",
        ],
        "effects": ["Ledere med AI-mål i egen plan", "Bruger AI ugentligt"],
    },
    {
        "owners": "any",
        "themes": ["jobsikkerhed-og-cv-pleje", "ledelse-og-strategi"],
        "formats": ["blended", "on-the-job"],
        "titles": [
            "Tryghed først: {short} satte CV-pleje i centrum",
            "Fra bekymring til nysgerrighed: {short} opkvalificerede {n} medarbejdere",
        ],
        "summary": "Åbne samtaler om jobsikkerhed og et kompetencebevis til alle "
        "gjorde AI-omstillingen tryg.",
        "challenges": [
            "Tillidsrepræsentanterne hos {short} mødte mange spørgsmål om "
            "jobsikkerhed, da de første AI-værktøjer blev taget i brug.",
        ],
        "approaches": [
            "Tillidsrepræsentanterne var med fra første dag. Vi holdt dialogmøder "
            "om jobsikkerhed og gav alle et kompetencebevis efter forløbet.",
            "Hver medarbejder fik en samtale om sine AI-kompetencer, og de nye "
            "kompetencer blev skrevet ind i jobprofilen.",
        ],
        "results": [
            "{pct} % føler sig bedre rustet til fremtidens arbejde, og de nye "
            "kompetencer står nu på både CV og jobprofil.",
            "Bekymringen er blevet til nysgerrighed: {n} medarbejdere har et "
            "kompetencebevis, og flere har selv bedt om næste forløb.",
        ],
        "effects": [
            "Øget tryghed i jobbet",
            "Medarbejdere med kompetencebevis",
            "Højere arbejdsglæde",
        ],
    },
    {
        "owners": "any",
        "themes": ["ansvarlig-ai", "generativ-ai"],
        "formats": ["e-laering", "kursus"],
        "titles": [
            "Sådan arbejder {short} ansvarligt med generativ AI",
            "En AI-politik på én side hos {short}",
        ],
        "summary": "En kort AI-politik og et e-læringsforløb gav alle fælles regler "
        "for data og AI.",
        "challenges": [
            "Hos {short} brugte man allerede AI i administrationen, men der var "
            "ingen regler for, hvilke data man måtte dele med tjenesterne.",
        ],
        "approaches": [
            "Vi skrev en kort AI-politik på én side og fulgte den op med en "
            "tjekliste, som alle gennemgik på et afdelingsmøde.",
            "Alle medarbejdere tog et e-læringsforløb om datasikkerhed og AI, og "
            "lederne fulgte op med eksempler fra hverdagen.",
        ],
        "results": [
            "Alle kender nu reglerne, og vi har ikke haft et eneste brud på "
            "datasikkerheden, siden AI-politikken blev indført.",
            "{pct} % af medarbejderne bruger AI ugentligt, og de ved, hvad de må "
            "og ikke må dele.",
        ],
        "effects": ["Bruger AI ugentligt", "Medarbejdere med kompetencebevis"],
    },
    {
        "owners": "any",
        "themes": ["laeringskultur", "on-the-job-training"],
        "formats": ["on-the-job", "blended"],
        "titles": [
            "{short} byggede en læringskultur omkring AI",
            "AI-caféer og læringsmakkere hos {short}",
            "{short} gjorde AI til en fast del af tavlemødet",
        ],
        "summary": "Små eksperimenter, læringsmakkere og fem minutter på tavlemødet "
        "gjorde AI til en del af hverdagen.",
        "challenges": [
            "Hos {short} var der få, der turde prøve AI, og erfaringerne blev ikke "
            "delt på tværs af afdelingerne.",
            "Medarbejderne hos {short} ville gerne lære, men der var ingen tid eller "
            "tradition for at eksperimentere i arbejdstiden.",
        ],
        "approaches": [
            "Vi startede AI-caféer i frokostpausen og satte kolleger sammen som "
            "læringsmakkere, der hver uge prøver én ny ting.",
            "Hvert tavlemøde slutter nu med fem minutter, hvor én kollega viser et "
            "AI-trick fra sit eget arbejde.",
        ],
        "results": [
            "{pct} % af medarbejderne har delt et eksempel på tavlemødet, og det er "
            "blevet helt almindeligt at spørge hinanden om AI.",
            "Medarbejderne med on-the-job-training oplever dobbelt så stor effekt på "
            "arbejdsglæde som dem, der kun har været på kursus.",
        ],
        "effects": ["Højere arbejdsglæde", "Bruger AI ugentligt"],
    },
    {
        "owners": "education",
        "themes": ["kompetencestrategi", "on-the-job-training"],
        "formats": ["blended", "kursus"],
        "titles": [
            "{short} hjalp {n} kursister fra små virksomheder i gang med AI",
            "Virksomhedsforløb om AI: {short} underviser på arbejdspladsen",
        ],
        "summary": "Korte moduler på skolen og opgaver på arbejdspladsen gjorde "
        "efteruddannelsen relevant for små virksomheder.",
        "challenges": [
            "Mange små produktionsvirksomheder i {short}s område ville gerne i gang "
            "med AI, men kunne ikke undvære medarbejderne i flere dage ad gangen.",
        ],
        "approaches": [
            "Vi udviklede et forløb, der kombinerer korte moduler på skolen med "
            "opgaver på arbejdspladsen, og underviserne besøgte virksomhederne.",
            "Underviserne tog på virksomhedsbesøg og byggede undervisningen op "
            "omkring kursisternes egne opgaver og maskiner.",
        ],
        "results": [
            "{n} kursister fra små og mellemstore virksomheder har gennemført "
            "forløbet, og {pct} % bruger AI i deres arbejde bagefter.",
        ],
        "effects": ["Medarbejdere med kompetencebevis", "Bruger AI ugentligt"],
    },
]

# The barometer figure that frames a case's challenge, by its first theme.
BAROMETER_CONTEXT = {
    "on-the-job-training": "Samtidig ønskede medarbejderne at lære mere. 60 % "
    "ønsker opkvalificering, men har ikke fået det.",
    "generativ-ai": "Medarbejderne ville gerne, men mulighederne var der ikke. Det "
    "gælder for 60 % i AI Impact Barometeret.",
    "ledelse-og-strategi": "Det er et billede, vi kender fra AI Impact Barometeret: "
    "55 % peger på manglende strategisk retning som en barriere.",
    "kompetencestrategi": "92 % mangler stadig en kompetencestrategi, og vi var "
    "ingen undtagelse.",
    "laeringskultur": "Ligesom 24 % i AI Impact Barometeret oplevede vi, at "
    "manglende læringskultur bremsede brugen af AI.",
    "jobsikkerhed-og-cv-pleje": "I AI Impact Barometeret oplever 11 % af "
    "medarbejderne, at AI mindsker jobsikkerheden, og 7 %, at AI mindsker "
    "trygheden i arbejdet.",
    "ansvarlig-ai": "Ansvarlig brug af AI kræver klare rammer, og dem manglede vi.",
}

LESSONS = [
    "Vores vigtigste læring er, at ledelsen skal gå forrest og selv bruge værktøjerne.",
    "Det virker bedst, når læringen sker tæt på opgaverne og ikke i et kursuslokale.",
    "Start småt, vis resultaterne, og lad kollegerne fortælle hinanden om dem.",
    "Tal åbent om jobsikkerhed fra begyndelsen. Det skaber tryghed og motivation.",
    "Invitér tillidsrepræsentanterne ind tidligt, så forløbet bliver fælles.",
]

EFFECTS = [
    ("Øget tryghed i jobbet", ["38 %", "47 %", "55 %", "61 %"]),
    ("Bruger AI ugentligt", ["52 %", "64 %", "71 %", "83 %"]),
    ("Kortere indkøringstid", ["-25 %", "-40 %", "-50 %"]),
    ("Sparet tid pr. medarbejder", ["1 time/uge", "2 timer/uge", "3 timer/uge"]),
    ("Højere arbejdsglæde", ["+12 point", "+18 point", "2x"]),
    ("Færre kvalitetsafvigelser", ["-15 %", "-22 %", "-30 %"]),
    ("Medarbejdere med kompetencebevis", ["90 %", "100 %", "75 %"]),
    ("Ledere med AI-mål i egen plan", ["80 %", "100 %"]),
]

# Before/after measurements a few demo cases report (cases' before/after
# chart): label, unit, range of the before figure, range of after/before,
# and whether lower is better.
MEASUREMENTS = [
    ("Timer pr. opgave", "timer", (3, 8), (0.45, 0.8), True),
    ("Minutter pr. vagtrapport", "minutter", (20, 45), (0.4, 0.75), True),
    ("Fejlrate i kvalitetskontrollen", "procent", (4, 14), (0.35, 0.75), True),
    ("Medarbejdere, der bruger AI ugentligt", "procent", (5, 25), (2.0, 3.5), False),
    ("Forbedringsforslag pr. måned", "antal", (3, 10), (1.5, 3.0), False),
    ("Omkostning pr. reklamation", "kr", (600, 1800), (0.6, 0.85), True),
]
MEASUREMENT_PERIODS = ["efter 3 måneder", "efter 6 måneder", "efter et år", ""]

QUOTES = [
    "Det gjorde forskellen, at vi lærte det ved vores egen maskine og ikke i et "
    "klasselokale.",
    "Jeg var bekymret for mit job. Nu ser jeg AI som noget, der gør mig bedre til det.",
    "Når ledelsen selv går forrest, tør alle andre også prøve.",
    "Vi lærte mere af hinanden end af noget kursus.",
    "Kompetencebeviset betød meget for kollegerne. Det er CV-pleje i praksis.",
    "Det vigtigste var at tage os tid til at tale om det, før vi gik i gang.",
    "Nu kan mine kolleger læse instruktionerne på deres eget sprog.",
]

PERIODS = ["2025", "2024–2025", "Forår 2025", "Efterår 2025", "2025–2026", "Q2 2025"]

HERO_DESCRIPTIONS = [
    "Abstrakt illustration med blå og grønne flader, der minder om en produktionshal",
    "Abstrakt illustration af cirkler og linjer i varme farver",
    "Abstrakt grafik med bølger i havblå nuancer",
    "Geometriske former i sand og okker på mørk baggrund",
    "Abstrakt mønster af tandhjul og forbindelser i blå toner",
]

PALETTES = [
    ((16, 60, 92), (37, 140, 158), (240, 200, 90)),
    ((32, 48, 64), (200, 85, 61), (246, 214, 160)),
    ((10, 84, 120), (96, 180, 200), (230, 240, 245)),
    ((48, 40, 32), (196, 150, 80), (238, 226, 200)),
    ((22, 74, 60), (110, 170, 120), (245, 240, 210)),
    ((70, 30, 80), (190, 100, 140), (250, 220, 200)),
]
