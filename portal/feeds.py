"""RSS and Atom feeds of new tools and new cases, for any filter combination.

/feeds/vaerktoejer/?sektor=produktion&tema=on-the-job-training follows "new
tools for production companies about on-the-job training", and
/feeds/vaerktoejer/?q=sidemandsoplæring new tools that match a search. The
query parameters are the listings' own (see portal.opendata); an unknown
value is answered 400 with a Danish message. Feeds are anonymous: public
content only.

Every text that goes into a feed passes through xml_safe(): editors can save
characters that XML 1.0 cannot carry, and one of them in one summary would
otherwise make every feed that lists it fail.
"""

import re
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from cases.models import CaseIndexPage
from core.links import page_url
from core.models.settings import OrganisationSettings
from portal.opendata import (
    ANONYMOUS,
    FilterError,
    describe_filters,
    parse_filters,
    public_cases,
    public_tools,
)
from search.params import SearchInputError, parse_query
from search.service import search
from search.types import CASE, SORT_NEWEST, TOOL
from toolbox.models import ToolIndexPage

FEED_SIZE = 30

# XML 1.0's Char production, negated.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Word writes a manual line break as a vertical tab (and a page break as a
# form feed); pasted into a summary, they still separate words.
XML_BREAKS = re.compile("[\x0b\x0c]")


def xml_safe(value):
    """value with the characters XML 1.0 cannot carry taken out, also inside
    lists and tuples (categories); anything that is not text is returned
    as it is."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", XML_BREAKS.sub(" ", value))
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(item) for item in value)
    return value


class XMLSafeFeedMixin:
    """Cleans every value of the feed and of each item on the way in, so no
    field (title, description, author, categories, extra keyword arguments
    of subclasses) can make the XML writer refuse the whole feed or write
    an attribute a reader cannot parse."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *[xml_safe(arg) for arg in args],
            **{name: xml_safe(value) for name, value in kwargs.items()},
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *[xml_safe(arg) for arg in args],
            **{name: xml_safe(value) for name, value in kwargs.items()},
        )


class SafeRssFeed(XMLSafeFeedMixin, Rss201rev2Feed):
    pass


class SafeAtomFeed(XMLSafeFeedMixin, Atom1Feed):
    pass


class FilteredFeed(Feed):
    """A feed built per request (see the view functions below), so the
    request and its filters can live on the instance safely."""

    feed_type = SafeRssFeed
    kind = None
    index_model = None
    index_path = "/"
    language = "da"

    def __call__(self, request, *args, **kwargs):
        try:
            self.selected = parse_filters(request.GET, self.kind)
            self.query = parse_query(request.GET.get("q"))
        except (FilterError, SearchInputError) as error:
            return HttpResponseBadRequest(
                str(error), content_type="text/plain; charset=utf-8"
            )
        self.request = request
        self.organisation = OrganisationSettings.for_request_or_default(request)
        return super().__call__(request, *args, **kwargs)

    def heading(self):
        raise NotImplementedError

    def title(self):
        names = describe_filters(self.selected, self.kind)
        if self.query:
            names.insert(0, f"\u201d{self.query}\u201d")
        if names:
            return f"{self.heading()}: {', '.join(names)}"
        return self.heading()

    def link(self):
        index = self.index_model.objects.live().first() if self.index_model else None
        path = index.get_url(self.request) if index else self.index_path
        params = {**({"q": [self.query]} if self.query else {}), **self.selected}
        if params:
            path += "?" + urlencode(params, doseq=True)
        return path

    def matching(self, queryset):
        """queryset narrowed to what the site search finds for ?q=, through
        the search service (as an anonymous visitor), newest first."""
        if not self.query:
            return queryset
        results = search(
            query=self.query,
            filters=self.selected,
            sort=SORT_NEWEST,
            user=ANONYMOUS,
            kind=self.kind,
            page_size=FEED_SIZE,
            log=False,
        )
        if results.corrected_query:
            # Hits for a spelling suggestion are not what was subscribed to.
            return queryset.none()
        return queryset.filter(pk__in=[hit.page_id for hit in results.hits])

    def feed_url(self):
        return self.request.build_absolute_uri()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.partner.title if item.partner else self.organisation.name

    def item_categories(self, item):
        return [sector.name for sector in item.sectors.all()] + [
            theme.name for theme in item.themes.all()
        ]


class ToolFeed(FilteredFeed):
    kind = TOOL
    index_model = ToolIndexPage
    index_path = "/vaerktoejer/"

    def heading(self):
        return _("Nye værktøjer i Værktøjskassen")

    def description(self):
        return _("Nye offentlige værktøjer fra %(owner)s partnere.") % {
            "owner": self.organisation.genitive
        }

    def items(self):
        return (
            self.matching(public_tools(self.selected))
            .select_related("partner")
            .prefetch_related("sectors", "themes")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )


class CaseFeed(FilteredFeed):
    kind = CASE
    index_model = CaseIndexPage
    index_path = "/cases/"

    def heading(self):
        return _("Nye cases i Værktøjskassen")

    def description(self):
        return _("Nye cases om AI-opkvalificering fra %(owner)s partnere.") % {
            "owner": self.organisation.genitive
        }

    def items(self):
        return (
            self.matching(public_cases(self.selected))
            .select_related("partner")
            .prefetch_related("sectors", "themes")
            .order_by("-first_published_at", "-pk")[:FEED_SIZE]
        )


class AtomToolFeed(ToolFeed):
    feed_type = SafeAtomFeed
    subtitle = ToolFeed.description


class AtomCaseFeed(CaseFeed):
    feed_type = SafeAtomFeed
    subtitle = CaseFeed.description


def tools_rss(request):
    return ToolFeed()(request)


def tools_atom(request):
    return AtomToolFeed()(request)


def cases_rss(request):
    return CaseFeed()(request)


def cases_atom(request):
    return AtomCaseFeed()(request)
