"""The database backend's own text (search.SearchText): what it finds, how it
follows publishing, and its results cache. Runs on SQLite and PostgreSQL."""

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from core.choices import Access
from search.analysis import analyse, highlight, stem
from search.backends.database import results_cache
from search.models import SearchText
from search.service import search
from tests.factories import make_sector, make_theme, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend():
    results_cache.clear()
    with override_settings(SEARCH_BACKEND="database"):
        yield
    results_cache.clear()


def titles(results):
    return [hit.title for hit in results.hits]


# Analysis


@pytest.mark.parametrize(
    "forms",
    [
        ("leder", "ledere", "lederne", "lederen"),
        ("produktion", "produktionen", "produktioner"),
        ("værktøj", "værktøjer", "værktøjerne"),
        ("kompetencestrategi", "kompetencestrategier"),
    ],
)
def test_inflections_share_a_stem(forms):
    assert len({stem(form) for form in forms}) == 1


def test_analysis_drops_stop_words_and_splits_hyphens():
    assert analyse("Værktøjer til AI-omstillingen og e-læring") == [
        "værktøj",
        "ai",
        "omstilling",
        "e",
        "læring",
    ]


def test_highlight_marks_whole_words_only():
    html = str(highlight("Kom i gang med en kompetencestrategi", ["kom"]))
    assert html == "<mark>Kom</mark> i gang med en kompetencestrategi"
    html = str(highlight("Ledere og lederne, ikke ledninger", ["ledere"]))
    assert html == "<mark>Ledere</mark> og <mark>lederne</mark>, ikke ledninger"


def test_highlight_marks_compounds_of_a_long_stem_whole():
    html = str(highlight("For produktionsvirksomheder", ["produktion"]))
    assert html == "For <mark>produktionsvirksomheder</mark>"


def test_the_stemmer_is_postgresqls_danish_stemmer():
    if connection.vendor != "postgresql":
        pytest.skip("compares with PostgreSQL's danish_stem")
    words = [
        "ledere",
        "lederne",
        "ledelsen",
        "produktionen",
        "kompetencestrategier",
        "værktøjerne",
        "sidemandsoplæringen",
        "fødevarer",
        "landbruget",
        "dataetikken",
        "kurserne",
        "hurtigst",
        "ugentlige",
        "løst",
        "afdelingerne",
        "medarbejdernes",
        "virksomhedernes",
        "uddannelse",
    ]
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute("SELECT ts_lexize('danish_stem', %s)", [word])
            assert cursor.fetchone()[0] == [stem(word)], word


# What the backend finds


def test_sector_and_theme_names_are_searched():
    food = make_sector("Fødevarer")
    farming = make_sector("Landbrug")
    ethics = make_theme("Dataetik")
    dairy = make_tool(title="Mejeriets vagtplan", summary="Plan for skiftehold.")
    dairy.sectors.add(food)
    dairy.save_revision().publish()
    make_tool(title="Markens maskiner", summary="Tjek før høst.", sectors=[farming])
    make_tool(title="Ansvarlige modeller", summary="Om brug af data.", themes=[ethics])
    assert titles(search("fødevarer")) == ["Mejeriets vagtplan"]
    assert titles(search("landbrug")) == ["Markens maskiner"]
    assert titles(search("dataetik")) == ["Ansvarlige modeller"]


def test_inflected_queries_find_other_forms():
    make_tool(title="Et kursus for ledere", summary="Sådan bliver lederne klar.")
    make_tool(title="Produktionen i fokus", summary="Flow på gulvet.")
    for query in ("leder", "ledere", "lederne", "lederen"):
        assert titles(search(query)) == ["Et kursus for ledere"], query
    for query in ("produktion", "produktionen"):
        assert titles(search(query)) == ["Produktionen i fokus"], query


def test_totals_are_exact_and_every_match_is_reachable():
    for number in range(23):
        make_tool(title=f"Svejsekursus {number}", summary="Svejsning trin for trin.")
    first = search("svejsekursus", page_size=10)
    last = search("svejsekursus", page=3, page_size=10)
    assert first.total == last.total == 23
    assert len(last.hits) == 3
    seen = {
        hit.page_id
        for page in (1, 2, 3)
        for hit in search("svejsekursus", page=page, page_size=10).hits
    }
    assert len(seen) == 23


def test_a_page_in_two_chosen_sectors_is_counted_once():
    one, two = make_sector("Metal"), make_sector("Plast")
    make_tool(title="Fælles værktøj", sectors=[one, two])
    results = search("", filters={"sektor": [one.slug, two.slug]})
    assert results.total == 1
    type_facet = next(facet for facet in results.facets if facet.param == "type")
    assert [(value.value, value.count) for value in type_facet.values] == [("tool", 1)]


def test_filters_that_leave_out_both_kinds_find_nothing():
    make_tool(title="Guide til opstart")
    results = search("", filters={"format": ["guide"], "laeringsformat": ["kursus"]})
    assert results.total == 0 and not results.hits
    assert search("guide", filters={"format": ["guide"]}).total == 1


def test_a_query_of_stop_words_finds_nothing():
    make_tool(title="Og så videre")
    results = search("og i at")
    assert results.total == 0 and not results.hits


# The text follows publishing


def test_text_follows_publishing_privacy_and_deletion():
    tool = make_tool(title="Robotcellens tjekliste")
    assert SearchText.objects.filter(page_id=tool.pk).exists()
    tool.unpublish()
    assert not SearchText.objects.filter(page_id=tool.pk).exists()
    assert search("robotcellens").total == 0
    tool.save_revision().publish()
    assert search("robotcellens").total == 1
    PageViewRestriction.objects.create(
        page=tool, restriction_type=PageViewRestriction.LOGIN
    )
    assert not SearchText.objects.filter(page_id=tool.pk).exists()
    PageViewRestriction.objects.filter(page=tool).delete()
    assert search("robotcellens").total == 1
    tool.delete()
    assert not SearchText.objects.filter(page_id=tool.pk).exists()
    assert search("robotcellens").total == 0


def test_a_renamed_sector_is_found_by_its_new_name():
    sector = make_sector("Træindustri")
    make_tool(title="Savværkets oplæring", sectors=[sector])
    assert search("møbelindustri").total == 0
    sector.name = "Møbelindustri"
    sector.save()
    assert titles(search("møbelindustri")) == ["Savværkets oplæring"]


def test_rebuild_and_verify():
    tool = make_tool(title="Genopbygget vejledning")
    call_command("search_text", "verify")
    SearchText.objects.filter(page_id=tool.pk).delete()
    with pytest.raises(CommandError):
        call_command("search_text", "verify")
    call_command("search_text", "rebuild", "--no-progress")
    call_command("search_text", "verify")
    assert titles(search("vejledning")) == ["Genopbygget vejledning"]


# The results cache


def test_a_cached_answer_never_shows_what_has_since_been_hidden():
    hidden = make_tool(title="Lukket prompttjekliste")
    make_tool(title="Åben prompttjekliste")
    assert search("prompttjekliste").total == 2
    # A change no signal sees (a bulk update) leaves the cached answer in
    # place; the hits are read through visible_to all the same.
    type(hidden).objects.filter(pk=hidden.pk).update(access=Access.PARTNERS)
    assert titles(search("prompttjekliste")) == ["Åben prompttjekliste"]


def test_publishing_retires_cached_answers():
    make_tool(title="Første hjælp ved maskinen")
    assert search("maskinen").total == 1
    make_tool(title="Anden hjælp ved maskinen")
    assert search("maskinen").total == 2


def test_deleting_a_case_updates_most_used(django_capture_on_commit_callbacks):
    from search.types import SORT_MOST_USED
    from tests.factories import make_case

    with django_capture_on_commit_callbacks(execute=True):
        # The newer first on a tie: a count left over would keep it on top.
        once = make_tool(title="Tavleskabelon brugt i én case")
        often = make_tool(title="Tavleskabelon brugt i to cases")
        stories = [make_case(title=f"Tavlecase {n}", tools=[often]) for n in range(2)]
        make_case(title="Tavlecase med den anden", tools=[once])
    assert titles(search("tavleskabelon", sort=SORT_MOST_USED))[0] == often.title
    with django_capture_on_commit_callbacks(execute=True):
        for story in stories:
            story.delete()
    assert titles(search("tavleskabelon", sort=SORT_MOST_USED))[0] == once.title
