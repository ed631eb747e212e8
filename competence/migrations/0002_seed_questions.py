"""The questions and area advice editors start with. They edit, add and
retire them in the admin (Kompetencetjek); results keep their own copy."""

import uuid

from django.db import migrations

# (question, help text, [(answer, {area slug: points})])
QUESTIONS = [
    (
        "Har I en plan for, hvilke AI-kompetencer medarbejderne skal have?",
        "En kompetencestrategi eller -plan, skriftlig eller ej.",
        [
            ("Nej, ikke endnu", {"strategi": 0}),
            ("Vi taler om det, men har ingen plan", {"strategi": 1}),
            ("Ja, men den bruges ikke i hverdagen", {"strategi": 2}),
            ("Ja, og vi følger op på den", {"strategi": 4, "ledelsesforankring": 1}),
        ],
    ),
    (
        "Hvor tydeligt har ledelsen sagt, hvad I vil bruge AI til?",
        "",
        [
            ("Det har ikke været nævnt", {"strategi": 0, "ledelsesforankring": 0}),
            ("Det er nævnt, men uklart", {"strategi": 1, "ledelsesforankring": 1}),
            ("Der er nogle klare mål", {"strategi": 3, "ledelsesforankring": 2}),
            (
                "Alle kender målene og deres egen rolle",
                {"strategi": 4, "ledelsesforankring": 4},
            ),
        ],
    ),
    (
        "Afsætter lederne tid til, at medarbejderne kan lære om AI?",
        "",
        [
            ("Nej", {"ledelsesforankring": 0}),
            ("Af og til, hvis der er luft", {"ledelsesforankring": 1}),
            ("Ja, for nogle grupper", {"ledelsesforankring": 3}),
            ("Ja, det er en fast del af arbejdstiden", {"ledelsesforankring": 4}),
        ],
    ),
    (
        "Bruger lederne selv AI-værktøjer og fortæller om det?",
        "",
        [
            ("Nej", {"ledelsesforankring": 0, "anvendelse": 0}),
            ("Nogle få prøver det", {"ledelsesforankring": 1, "anvendelse": 1}),
            ("Ja, flere gør", {"ledelsesforankring": 3, "anvendelse": 2}),
            ("Ja, og de deler deres erfaringer", {"ledelsesforankring": 4, "anvendelse": 3}),
        ],
    ),
    (
        "Hvor mange medarbejdere ved, hvad AI kan og ikke kan i jeres arbejde?",
        "",
        [
            ("Næsten ingen", {"forstaaelse": 0}),
            ("Nogle få ildsjæle", {"forstaaelse": 1}),
            ("Omkring halvdelen", {"forstaaelse": 3}),
            ("Næsten alle", {"forstaaelse": 4}),
        ],
    ),
    (
        "Hvor ofte bruger medarbejderne AI-værktøjer i det daglige arbejde?",
        "Fx en sprogmodel, en assistent i kontorprogrammerne eller AI i maskinerne.",
        [
            ("Aldrig eller næsten aldrig", {"anvendelse": 0}),
            ("Nogle få, af og til", {"anvendelse": 1}),
            ("Mange, hver uge", {"anvendelse": 3}),
            ("De fleste, hver dag", {"anvendelse": 4}),
        ],
    ),
    (
        "Har I forbedret en proces eller et produkt med AI?",
        "",
        [
            ("Nej", {"udvikling": 0}),
            ("Vi har en idé", {"udvikling": 1}),
            ("Vi har et forsøg i gang", {"udvikling": 2}),
            ("Ja, og det er i drift", {"udvikling": 4}),
        ],
    ),
    (
        "Er det klart, hvem der beslutter, hvilke AI-værktøjer I tager i brug?",
        "",
        [
            ("Nej, det gør den enkelte selv", {"styring": 0}),
            ("Det er uformelt aftalt", {"styring": 1}),
            ("Ja, for de vigtigste værktøjer", {"styring": 3}),
            ("Ja, med en fast proces og en ansvarlig", {"styring": 4}),
        ],
    ),
    (
        "Har I regler for, hvilke data man må give til et AI-værktøj?",
        "Fx kundedata, tegninger, persondata.",
        [
            ("Nej", {"styring": 0, "ansvarlig-brug": 0}),
            ("Der er mundtlige råd", {"styring": 1, "ansvarlig-brug": 1}),
            ("Ja, skrevne regler", {"styring": 3, "ansvarlig-brug": 2}),
            ("Ja, og alle kender dem", {"styring": 4, "ansvarlig-brug": 4}),
        ],
    ),
    (
        "Kan I dokumentere, at dem, der bruger AI, har fået den nødvendige "
        "AI-kundskab?",
        "AI-forordningens artikel 4 kræver, at virksomheder sikrer tilstrækkelig "
        "AI-kundskab hos dem, der arbejder med AI-systemer.",
        [
            ("Nej, det kendte vi ikke til", {"ansvarlig-brug": 0}),
            ("Vi kender kravet, men har intet gjort", {"ansvarlig-brug": 1}),
            ("Delvist, for nogle medarbejdere", {"ansvarlig-brug": 3}),
            ("Ja, det er dokumenteret", {"ansvarlig-brug": 4}),
        ],
    ),
    (
        "Hvad sker der, når nogen prøver noget nyt med AI, og det ikke virker?",
        "",
        [
            ("Det bliver set som spild af tid", {"laeringskultur": 0}),
            ("Ingen taler om det", {"laeringskultur": 1}),
            ("Det er i orden at prøve", {"laeringskultur": 3}),
            ("Vi deler, hvad vi lærte", {"laeringskultur": 4}),
        ],
    ),
    (
        "Deler medarbejderne tips og erfaringer med AI med hinanden?",
        "",
        [
            ("Nej", {"laeringskultur": 0, "on-the-job": 0}),
            ("Nogle gange, mellem gode kolleger", {"laeringskultur": 1, "on-the-job": 1}),
            ("Ja, i teamet", {"laeringskultur": 3, "on-the-job": 2}),
            ("Ja, det har en fast plads, fx på tavlemødet", {"laeringskultur": 4, "on-the-job": 4}),
        ],
    ),
    (
        "Hvordan lærer kolleger at bruge et nyt digitalt værktøj?",
        "Fx ved linjen, på lageret eller på kontoret.",
        [
            ("På egen hånd", {"on-the-job": 0}),
            ("På et kursus væk fra arbejdet", {"on-the-job": 1}),
            ("En kollega viser det, når der er tid", {"on-the-job": 2}),
            ("Fast sidemandsoplæring med en tovholder", {"on-the-job": 4}),
        ],
    ),
    (
        "Får medarbejderne tid til at øve sig på AI tæt på deres egne opgaver?",
        "",
        [
            ("Nej", {"on-the-job": 0}),
            ("Kun uden for arbejdstiden", {"on-the-job": 1}),
            ("Ja, af og til", {"on-the-job": 3}),
            ("Ja, fast hver uge eller måned", {"on-the-job": 4}),
        ],
    ),
    (
        "Hvor trygge er medarbejderne ved, hvad AI betyder for deres job?",
        "11 % oplever, at AI truer deres jobsikkerhed.",
        [
            ("Mange er utrygge", {"tryghed": 0}),
            ("Vi ved det ikke", {"tryghed": 1}),
            ("De fleste er trygge", {"tryghed": 3}),
            ("Vi har talt åbent om det, og de er trygge", {"tryghed": 4}),
        ],
    ),
    (
        "Kan medarbejderne få deres nye AI-kompetencer skrevet på CV'et?",
        "Fx et kursusbevis, et kompetencebevis eller en note i udviklingssamtalen.",
        [
            ("Nej", {"tryghed": 0}),
            ("Hvis de selv beder om det", {"tryghed": 1}),
            ("Ja, for kurser", {"tryghed": 3}),
            ("Ja, også for det, de lærer på jobbet", {"tryghed": 4, "on-the-job": 1}),
        ],
    ),
]

# (area slug, why, on-the-job activity, leadership step)
GUIDANCE = [
    (
        "forstaaelse",
        "Uden en fælles forståelse af, hvad AI kan og ikke kan, bliver "
        "værktøjerne brugt forkert eller slet ikke.",
        "Tag 15 minutter på tavlemødet: én kollega viser ét eksempel på AI fra "
        "jeres egen hverdag.",
        "Bed hver leder om at finde ét sted i sin afdeling, hvor AI kunne hjælpe.",
    ),
    (
        "anvendelse",
        "60 % af medarbejderne ønsker opkvalificering og har ikke fået den. "
        "Brug i hverdagen er der, hvor effekten kommer.",
        "Vælg én fast opgave, fx en rapport eller en instruktion, og løs den med "
        "et AI-værktøj sammen med en kollega.",
        "Giv lov og tid: sig tydeligt, hvilke værktøjer medarbejderne må bruge.",
    ),
    (
        "udvikling",
        "Når de første erfaringer er gjort, kommer gevinsten fra at forbedre "
        "processer med AI.",
        "Lad et team kortlægge én proces og markere, hvor AI kunne spare tid.",
        "Afsæt et lille budget og en tovholder til ét forsøg i et kvartal.",
    ),
    (
        "styring",
        "Uklare beslutninger om værktøjer og data giver risiko og tøven.",
        "Gennemgå sammen reglerne for data i ét AI-værktøj, I bruger i dag.",
        "Udpeg en ansvarlig for AI-værktøjer og data, og meld det ud.",
    ),
    (
        "strategi",
        "92 % mangler en kompetencestrategi, og 55 % peger på manglende "
        "strategisk retning som den største barriere.",
        "Spørg tre kolleger fra gulvet, hvad de gerne vil kunne med AI om et år.",
        "Skriv på én side, hvorfor I vil bruge AI, og hvem der skal lære hvad.",
    ),
    (
        "ledelsesforankring",
        "26 % savner opbakning fra ledelsen. Når lederne går forrest, følger "
        "medarbejderne med.",
        "Lederen prøver et AI-værktøj sammen med medarbejderne på et teammøde.",
        "Sæt AI-kompetencer fast på dagsordenen på ledermødet hver måned.",
    ),
    (
        "laeringskultur",
        "24 % siger, at læringskulturen holder dem tilbage. En kultur, hvor man "
        "må prøve og fejle, gør AI lettere at tage i brug.",
        "Indfør 'ugens AI-tip' på tavlemødet, skiftevis fra en ny kollega.",
        "Fortæl selv om et forsøg, der ikke lykkedes, og hvad I lærte af det.",
    ),
    (
        "on-the-job",
        "Praksisnær opkvalificering giver dobbelt så stor effekt som læring "
        "væk fra arbejdet.",
        "Sæt en erfaren kollega og en ny sammen i 15 minutter ved linjen hver uge.",
        "Gør sidemandsoplæring til en del af arbejdstiden og planlægningen.",
    ),
    (
        "tryghed",
        "11 % oplever AI som en trussel mod jobbet. Tryghed og synlige "
        "kompetencer på CV'et gør det lettere at lære.",
        "Skriv det, kollegerne har lært, ind i et fælles kompetencebevis.",
        "Tal åbent med medarbejderne og tillidsrepræsentanten om, hvad AI "
        "betyder for jobbene.",
    ),
    (
        "ansvarlig-brug",
        "AI-forordningens artikel 4 kræver, at I sikrer og kan vise tilstrækkelig "
        "AI-kundskab hos dem, der bruger AI.",
        "Gå reglerne for ansvarlig brug igennem i teamet med et konkret eksempel.",
        "Beslut, hvordan I dokumenterer AI-kundskab, og hvem der holder den ajour.",
    ),
]


def answer_blocks(answers, areas):
    blocks = []
    for text, points in answers:
        scores = [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {"area": areas[slug], "points": value},
            }
            for slug, value in points.items()
            if slug in areas
        ]
        blocks.append(
            {
                "type": "answer",
                "id": str(uuid.uuid4()),
                "value": {"text": text, "scores": scores},
            }
        )
    return blocks


def seed(apps, schema_editor):
    CompetenceArea = apps.get_model("portal", "CompetenceArea")
    Question = apps.get_model("competence", "Question")
    AreaGuidance = apps.get_model("competence", "AreaGuidance")
    areas = dict(CompetenceArea.objects.values_list("slug", "pk"))
    if not Question.objects.exists():
        for order, (text, help_text, answers) in enumerate(QUESTIONS, start=1):
            Question.objects.create(
                text=text,
                help_text=help_text,
                answers=answer_blocks(answers, areas),
                sort_order=order * 10,
            )
    for slug, why, on_the_job, leadership in GUIDANCE:
        if slug in areas:
            AreaGuidance.objects.get_or_create(
                area_id=areas[slug],
                defaults={
                    "why": why,
                    "on_the_job_activity": on_the_job,
                    "leadership_step": leadership,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("competence", "0001_initial"),
        ("portal", "0011_competence_area"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
