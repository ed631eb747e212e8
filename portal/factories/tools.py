"""Factories for the toolbox: the tool index and tools with their
downloads, taxonomies and keywords. See portal/factories.py for how pages
are added and published."""

import datetime

import factory

from portal.factories import (
    PublishedPageFactory,
    cluster_tags,
    parental_m2m,
    site_page_factory,
)
from toolbox.models import ToolFormat, ToolIndexPage, ToolPage, ToolPageDocument

ToolIndexPageFactory = site_page_factory(ToolIndexPage, "Værktøjer", "vaerktoejer")


def link_documents(documents):
    return [ToolPageDocument(document=document) for document in documents or ()]


class ToolPageFactory(PublishedPageFactory):
    """A tool under a PartnerPage, or under the tool index (a tool owned by
    the pact itself) when no parent is given. `documents` are Documents,
    each linked as a ToolPageDocument."""

    parent = factory.SubFactory(ToolIndexPageFactory)
    title = factory.Sequence(lambda n: f"Værktøj {n}")
    slug = factory.Sequence(lambda n: f"vaerktoej-{n}")
    summary = "Et værktøj til at komme i gang med AI i praksis."
    tool_format = ToolFormat.GUIDE
    last_reviewed = factory.LazyFunction(datetime.date.today)
    documents = factory.Transformer((), transform=link_documents)
    sectors = parental_m2m("sectors")
    themes = parental_m2m("themes")
    audiences = parental_m2m("audiences")
    competence_levels = parental_m2m("competence_levels")
    competence_areas = parental_m2m("competence_areas")
    tags = cluster_tags()

    class Meta:
        model = ToolPage
