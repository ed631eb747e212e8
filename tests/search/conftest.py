"""A small Danish data set built once per module inside a transaction that
is rolled back, searched through both backends. The Elasticsearch pass gets
its own index prefix, so SQLite and PostgreSQL passes and parallel runs
never share an index, and the index is deleted afterwards."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.test import override_settings

import pytest

from core.access import MEMBERS_GROUP
from core.choices import Access
from tests.factories import (
    make_audience,
    make_case,
    make_partner,
    make_sector,
    make_theme,
    make_tool,
    make_user,
)

BACKENDS = ["database", "elasticsearch"]


def es_settings(url, prefix=None):
    return override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=url,
        SEARCH_INDEX_PREFIX=prefix or f"test-vk-{uuid.uuid4().hex[:10]}",
        SEARCH_ANALYSIS_PROFILE="hunspell",
        SEARCH_LIVE_INDEXING=True,
    )


def clear_search_caches():
    from django.core.cache import cache

    from search.service import reset_fallback

    cache.clear()
    reset_fallback()


@dataclass
class Dataset:
    sectors: dict
    themes: dict
    audiences: dict
    partners: dict
    tools: dict
    cases: dict
    member: object


def build_dataset():
    from cases.models import TrainingFormat
    from search.models import SynonymGroup
    from toolbox.models import ToolFormat

    # Migrations seed this group, but a flushing (transactional) test run
    # earlier in the session may have removed it.
    SynonymGroup.objects.get_or_create(terms="AI, kunstig intelligens")

    sectors = {
        "produktion": make_sector("Produktion og fremstilling", slug="produktion"),
        "sundhed": make_sector("Sundhed og omsorg", slug="sundhed"),
        "detail": make_sector("Detailhandel", slug="detail"),
    }
    themes = {
        "ojt": make_theme("Sidemandsoplæring", slug="ojt"),
        "ledelse": make_theme("Ledelse og strategi", slug="ledelse"),
    }
    audiences = {
        "ledere": make_audience("Ledere", slug="ledere"),
        "gulvet": make_audience("Medarbejdere på gulvet", slug="gulvet"),
    }
    nord = make_partner("Fabrik Nord A/S", sectors=[sectors["produktion"]])
    huset = make_partner("Sundhedshuset", sectors=[sectors["sundhed"]])
    tools = {
        "ojt": make_tool(
            nord,
            title="Sidemandsoplæring ved linjen",
            summary="En guide til sidemandsoplæring af nye kolleger i produktionen.",
            tool_format=ToolFormat.GUIDE,
            sectors=[sectors["produktion"]],
            themes=[themes["ojt"]],
            audiences=[audiences["gulvet"]],
            tags=["oplæring"],
        ),
        "ki": make_tool(
            title="Kunstig intelligens for ledere",
            summary="Workshopkit om ledelse og strategi i virksomheden.",
            tool_format=ToolFormat.WORKSHOP,
            sectors=[sectors["produktion"], sectors["sundhed"]],
            themes=[themes["ledelse"]],
            audiences=[audiences["ledere"]],
        ),
        "strategi": make_tool(
            title="Tjekliste til kompetencestrategi",
            summary="Lav en kompetencestrategi trin for trin.",
            tool_format=ToolFormat.CHECKLIST,
            sectors=[sectors["detail"]],
            themes=[themes["ledelse"]],
        ),
        "hemmelig": make_tool(
            nord,
            title="Promptbibliotek til robotsvejsning",
            summary="Prompts til robotsvejsning og kvalitetskontrol.",
            tool_format=ToolFormat.PROMPTS,
            access=Access.PARTNERS,
            sectors=[sectors["produktion"]],
            themes=[themes["ojt"]],
            tags=["robotsvejsning"],
        ),
        "etik": make_tool(
            huset,
            title="Guide til dataetik",
            summary="Ansvarlig brug af data i hverdagen.",
            tool_format=ToolFormat.GUIDE,
            sectors=[sectors["sundhed"]],
        ),
        "kladde": make_tool(
            title="Kladde om sidemandsoplæring",
            summary="En kladde, der aldrig er udgivet.",
            publish=False,
        ),
    }
    cases = {
        "nord": make_case(
            nord,
            title="Sådan indførte Fabrik Nord sidemandsoplæring",
            summary="Erfarne kolleger lærte nye op ved linjen.",
            tools=[tools["ojt"]],
            sectors=[sectors["produktion"]],
            themes=[themes["ojt"]],
            training_format=TrainingFormat.ON_THE_JOB,
            employees_upskilled=120,
        ),
        "huset": make_case(
            huset,
            title="Sundhedshuset lærer AI",
            summary="Et kursus for alle medarbejdere om AI i hverdagen.",
            sectors=[sectors["sundhed"]],
            training_format=TrainingFormat.COURSE,
            employees_upskilled=30,
        ),
    }
    # Visitors found the strategy checklist useful, the leaders' kit less so.
    from toolbox.engagement import record_feedback

    for number in range(3):
        record_feedback(tools["strategi"], True, "", f"client-{number}")
    record_feedback(tools["ki"], False, "", "client-9")
    member = make_user("partnermedlem", groups=[MEMBERS_GROUP])
    return Dataset(
        sectors, themes, audiences, {"nord": nord, "huset": huset}, tools, cases, member
    )


@contextmanager
def built_and_indexed(name, url, build):
    """build()'s data in a transaction that is rolled back afterwards,
    searched through the backend `name`; for Elasticsearch an index built
    from it under its own prefix, deleted afterwards."""
    from search import indexing

    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        clear_search_caches()
        data = build()
        if name == "elasticsearch":
            with es_settings(url):
                indexing.rebuild(progress=False)
                try:
                    yield data
                finally:
                    indexing.delete_all()
        else:
            with override_settings(SEARCH_BACKEND="database"):
                yield data
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        clear_search_caches()


def backend_url(request, name):
    if name != "elasticsearch":
        return ""
    return request.getfixturevalue("elasticsearch_url")


@pytest.fixture(scope="module", params=BACKENDS)
def search_backend(request, django_db_setup, django_db_blocker):
    """(backend name, Dataset): the data set, and for Elasticsearch an index
    built from it, for every test in the module; rolled back afterwards."""
    name = request.param
    url = backend_url(request, name)
    with (
        django_db_blocker.unblock(),
        built_and_indexed(name, url, build_dataset) as data,
    ):
        yield name, data


@pytest.fixture
def backend(search_backend, db):
    return search_backend[0]


@pytest.fixture
def data(search_backend, db):
    return search_backend[1]


@pytest.fixture
def es_index(elasticsearch_url, db):
    """A fresh, empty-prefix index for tests that change data (sync)."""
    clear_search_caches()
    with es_settings(elasticsearch_url):
        from search import indexing

        indexing.rebuild(progress=False)
        try:
            yield indexing
        finally:
            indexing.delete_all()
            clear_search_caches()
