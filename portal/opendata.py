"""The public catalogue as machines read it: feeds, the JSON API and the CSV
export all start from these querysets.

Open data is anonymous whoever asks, so every queryset here is what an
AnonymousUser may see (the content models' visible_to decides), live and
without a Wagtail view restriction. Facet filters are the facets of the
registry in search.types for the kind asked for (tools: sektor, tema,
maalgruppe, format, pris, sprog, niveau, omraade, tid, bruges; cases: sektor,
tema, omraade, laeringsformat; partners: sektor, type); each parameter may
repeat: values of one facet are alternatives, facets narrow each other.
Unlike the listing, which drops unknown values, these raise FilterError so a
subscriber to a mistyped feed gets told instead of getting everything.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from cases.models import CasePage
from core.models.partners import PartnerPage
from search.types import CASE, MAX_VALUES_PER_FACET, PARTNER, TOOL, facets_for
from toolbox.models import ToolPage

ANONYMOUS = AnonymousUser()


class FilterError(ValueError):
    """A query parameter value that names nothing; the message is Danish."""


def parse_filters(params, kind):
    """{param: [values]} for the facets of kind present in params (a
    QueryDict or a dict of lists); raises FilterError for a value that
    names nothing."""
    selected = {}
    for facet in facets_for(kind):
        if hasattr(params, "getlist"):
            values = params.getlist(facet.param)
        else:
            values = params.get(facet.param) or []
        values = list(dict.fromkeys(value for value in values if value != ""))
        if not values:
            continue
        if len(values) > MAX_VALUES_PER_FACET:
            raise FilterError(
                _("For mange værdier for %(facet)s (højst %(max)d).")
                % {"facet": facet.noun, "max": MAX_VALUES_PER_FACET}
            )
        unknown = sorted(set(values) - facet.allowed())
        if unknown:
            raise FilterError(
                _("Ukendt %(facet)s: %(values)s.")
                % {"facet": facet.noun, "values": ", ".join(unknown)[:200]}
            )
        selected[facet.param] = values
    return selected


def narrow(queryset, kind, selected):
    """queryset (of kind's pages) narrowed to the selected facet values."""
    model = queryset.model
    for facet in facets_for(kind):
        values = selected.get(facet.param)
        if values:
            # A subquery per facet keeps one row per page (no join fan-out).
            matching = model.objects.filter(facet.condition(kind, values)).values("pk")
            queryset = queryset.filter(pk__in=matching)
    return queryset


def public_tools(selected=None):
    return narrow(ToolPage.objects.visible_to(ANONYMOUS), TOOL, selected or {})


def public_cases(selected=None):
    return narrow(CasePage.objects.visible_to(ANONYMOUS), CASE, selected or {})


def public_partners(selected=None):
    partners = PartnerPage.objects.live().public()
    return narrow(partners, PARTNER, selected or {})


def describe_filters(selected, kind):
    """Readable names of the selected facet values, for feed titles."""
    names = []
    for facet in facets_for(kind):
        if selected.get(facet.param):
            names += facet.labels(selected[facet.param])
    return names
