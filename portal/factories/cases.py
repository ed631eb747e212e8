"""Factories for cases: the case index and case stories with their outcome
figures, their before/after measurements and the tools they used. See
portal/factories.py for how pages are added and published."""

import factory

from cases.models import (
    CaseIndexPage,
    CasePage,
    CasePageEffect,
    CasePageMeasurement,
    CasePageTool,
    TrainingFormat,
)
from portal.factories import (
    PartnerPageFactory,
    PublishedPageFactory,
    cluster_tags,
    parental_m2m,
    site_page_factory,
)

CaseIndexPageFactory = site_page_factory(CaseIndexPage, "Cases", "cases")


def effect_rows(effects):
    return [CasePageEffect(label=label, value=value) for label, value in effects or ()]


def measurement_rows(measurements):
    """CasePageMeasurement rows from dicts of their fields, e.g.
    {"label": "Timer pr. opgave", "before": 4.5, "after": 2.8,
    "lower_is_better": True} (unit defaults to hours)."""
    return [
        CasePageMeasurement(sort_order=order, **fields)
        for order, fields in enumerate(measurements or ())
    ]


class CasePageFactory(PublishedPageFactory):
    """A case under its partner (a new partner unless `parent` is given).
    `tools` are ToolPages, linked as CasePageTool rows; `effects` are
    (label, value) pairs, the case's outcome figures; `measurements` are
    dicts of CasePageMeasurement fields, its before/after figures."""

    parent = factory.SubFactory(PartnerPageFactory)
    title = factory.Sequence(lambda n: f"Case {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "Sådan kom vi i gang med AI på gulvet."
    training_format = TrainingFormat.ON_THE_JOB
    tool_links = factory.LazyAttribute(
        lambda case: [CasePageTool(tool=tool) for tool in case.tools or ()]
    )
    effects = factory.Transformer((), transform=effect_rows)
    measurements = factory.Transformer((), transform=measurement_rows)
    sectors = parental_m2m("sectors")
    themes = parental_m2m("themes")
    competence_areas = parental_m2m("competence_areas")
    competence_levels = parental_m2m("competence_levels")
    tags = cluster_tags()

    class Meta:
        model = CasePage

    class Params:
        tools = ()
