"""The public catalogue as machines read it: feeds, the JSON API and the CSV
export all start from these querysets.

Open data is anonymous whoever asks, so every queryset here is what an
AnonymousUser may see (portal.access.visible_to decides), live and without a
Wagtail view restriction. Facet filters take the tool listing's query
parameters (sektor, tema, maalgruppe, format, laeringsformat, type; each may
repeat: values of one facet are alternatives, facets narrow each other).
Unlike the listing, which drops unknown values, these raise FilterError so a
subscriber to a mistyped feed gets told instead of getting everything.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

ANONYMOUS = AnonymousUser()


class FilterError(ValueError):
    """A query parameter value that names nothing; the message is Danish."""


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    lookup: str

    def allowed(self):
        from cases.models import TrainingFormat
        from portal.choices import PartnerType
        from portal.models import Audience, Sector, Theme
        from toolbox.models import ToolFormat

        sources = {
            "sektor": lambda: Sector.objects.values_list("slug", flat=True),
            "tema": lambda: Theme.objects.values_list("slug", flat=True),
            "maalgruppe": lambda: Audience.objects.values_list("slug", flat=True),
            "format": lambda: ToolFormat.values,
            "laeringsformat": lambda: TrainingFormat.values,
            "type": lambda: PartnerType.values,
        }
        return set(sources[self.param]())


SECTOR = Facet("sektor", _("sektor"), "sectors__slug__in")
THEME = Facet("tema", _("tema"), "themes__slug__in")
AUDIENCE = Facet("maalgruppe", _("målgruppe"), "audiences__slug__in")
TOOL_FORMAT = Facet("format", _("format"), "tool_format__in")
TRAINING_FORMAT = Facet("laeringsformat", _("læringsformat"), "training_format__in")
PARTNER_TYPE = Facet("type", _("partnertype"), "partner_type__in")

TOOL_FACETS = (SECTOR, THEME, AUDIENCE, TOOL_FORMAT)
CASE_FACETS = (SECTOR, THEME, TRAINING_FORMAT)
PARTNER_FACETS = (SECTOR, PARTNER_TYPE)

MAX_VALUES_PER_FACET = 50


def parse_filters(params, facets):
    """{param: [values]} for the facets present in params (a QueryDict or a
    dict of lists); raises FilterError for a value that names nothing."""
    selected = {}
    for facet in facets:
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
                % {"facet": facet.label, "max": MAX_VALUES_PER_FACET}
            )
        unknown = sorted(set(values) - facet.allowed())
        if unknown:
            raise FilterError(
                _("Ukendt %(facet)s: %(values)s.")
                % {"facet": facet.label, "values": ", ".join(unknown)[:200]}
            )
        selected[facet.param] = values
    return selected


def _narrow(queryset, facets, selected):
    model = queryset.model
    for facet in facets:
        values = selected.get(facet.param)
        if values:
            # A subquery per facet keeps one row per page (no join fan-out).
            matching = model.objects.filter(**{facet.lookup: values}).values("pk")
            queryset = queryset.filter(pk__in=matching)
    return queryset


def public_tools(selected=None):
    from toolbox.models import ToolPage

    tools = ToolPage.objects.visible_to(ANONYMOUS)
    return _narrow(tools, TOOL_FACETS, selected or {})


def public_cases(selected=None):
    from cases.models import CasePage

    cases = CasePage.objects.visible_to(ANONYMOUS)
    return _narrow(cases, CASE_FACETS, selected or {})


def public_partners(selected=None):
    from portal.models import PartnerPage

    partners = PartnerPage.objects.live().public()
    return _narrow(partners, PARTNER_FACETS, selected or {})


def describe_filters(selected):
    """Readable names of the selected facet values, for feed titles."""
    from cases.models import TrainingFormat
    from portal.models import Audience, Sector, Theme
    from toolbox.models import ToolFormat

    names = []
    models = {"sektor": Sector, "tema": Theme, "maalgruppe": Audience}
    choices = {"format": ToolFormat, "laeringsformat": TrainingFormat}
    for param, values in selected.items():
        if param in models:
            names += [
                str(item)
                for item in models[param]
                .objects.filter(slug__in=values)
                .order_by("sort_order", "name")
            ]
        elif param in choices:
            labels = dict(choices[param].choices)
            names += [str(labels[value]) for value in values]
    return names
