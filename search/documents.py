"""What goes into the Elasticsearch index: the mapping for each analysis
profile and the document built from a tool or case page."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elasticsearch.dsl import (
    Boolean,
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    token_filter,
)

from search.text import stream_text
from search.types import CASE, TOOL

# Modules each profile needs on every node, beyond the server itself.
PROFILE_MODULES = {"full": {"analysis-common"}, "core": set()}

TEXT_FIELDS = [
    "title^4",
    "tags^3",
    "summary^2",
    "partner_name^2",
    "sector_names",
    "theme_names",
    "body",
]
SOURCE_FIELDS = [
    "kind",
    "page_id",
    "title",
    "url",
    "summary",
    "access",
    "partner_name",
    "sector_names",
    "format_label",
    "published",
    "popularity",
    "employees_upskilled",
]


def profile_name():
    profile = getattr(settings, "SEARCH_ANALYSIS_PROFILE", "full")
    if profile not in PROFILE_MODULES:
        raise ImproperlyConfigured(
            f"SEARCH_ANALYSIS_PROFILE={profile!r}: use 'full' or 'core'."
        )
    return profile


def analyzers(profile, synonyms=()):
    """(index analyzer, search analyzer) for a profile."""
    if profile == "core":
        text = analyzer("portal_text", type="standard", stopwords="_danish_")
        return text, text
    danish_stop = token_filter("danish_stop", type="stop", stopwords="_danish_")
    danish_stemmer = token_filter("danish_stemmer", type="stemmer", language="danish")
    chain = ["lowercase", danish_stop, "scandinavian_normalization", danish_stemmer]
    text = analyzer("portal_text", tokenizer="standard", filter=chain)
    rules = [", ".join(group) for group in synonyms] or ["ai, kunstig intelligens"]
    synonym_filter = token_filter(
        "portal_synonyms", type="synonym_graph", synonyms=rules, lenient=True
    )
    search = analyzer(
        "portal_search",
        tokenizer="standard",
        filter=["lowercase", synonym_filter, *chain[1:]],
    )
    return text, search


def build_mapping(profile, synonyms=()):
    text, search = analyzers(profile, synonyms)

    def txt(**kwargs):
        return Text(analyzer=text, search_analyzer=search, **kwargs)

    def highlighted(**kwargs):
        # Offsets in the postings let the unified highlighter skip
        # re-analysing the text at query time.
        return txt(index_options="offsets", **kwargs)

    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    fields = {
        "kind": Keyword(),
        "page_id": Integer(),
        "url": Keyword(index=False),
        "title": highlighted(
            index_prefixes={"min_chars": 2, "max_chars": 10},
            fields={"raw": Keyword(ignore_above=256)},
        ),
        "summary": highlighted(),
        "body": highlighted(),
        "tags": txt(fields={"raw": Keyword(ignore_above=100)}),
        "partner": Keyword(),
        "partner_name": txt(),
        "partner_type": Keyword(),
        "sectors": Keyword(),
        "sector_names": txt(),
        "themes": Keyword(),
        "theme_names": txt(),
        "audiences": Keyword(),
        "format": Keyword(),
        "format_label": Keyword(index=False),
        "training_format": Keyword(),
        "access": Keyword(),
        "language": Keyword(),
        "price": Keyword(),
        "published": Date(),
        "updated": Date(),
        "reviewed": Date(),
        "employees_upskilled": Integer(),
        "popularity": Integer(),
        "partners_only": Boolean(),
    }
    for name, field in fields.items():
        mapping.field(name, field)
    return mapping


def build_index(name, profile, synonyms=(), *, building=False):
    index = Index(name)
    index.settings(
        number_of_shards=1,
        number_of_replicas=0,
        # A bulk build refreshes once at the end; live updates refresh on
        # the server's schedule (never per save).
        refresh_interval="-1" if building else "1s",
        max_result_window=10_000,
    )
    index.mapping(build_mapping(profile, synonyms))
    return index


def doc_id(kind, page_id):
    return f"{kind}-{page_id}"


def parse_doc_id(value):
    kind, _sep, page_id = value.partition("-")
    return kind, int(page_id)


class UrlResolver:
    """Relative page URLs from url_path, without a query per page."""

    def __init__(self):
        from wagtail.models import Site

        self.roots = sorted(
            (root.root_path for root in Site.get_site_root_paths()),
            key=len,
            reverse=True,
        )

    def __call__(self, page):
        for root in self.roots:
            if page.url_path.startswith(root):
                return "/" + page.url_path[len(root) :]
        return page.url_path


def tool_queryset():
    from toolbox.models import ToolPage

    return ToolPage.objects.live().with_listing_data().prefetch_related("tags")


def case_queryset():
    from cases.models import CasePage

    return (
        CasePage.objects.live()
        .select_related("partner")
        .prefetch_related("sectors", "themes", "tags")
    )


def _date(value):
    return value.isoformat() if value else None


def tool_document(page, url):
    sectors = list(page.sectors.all())
    themes = list(page.themes.all())
    partner = page.partner
    return {
        "kind": TOOL,
        "page_id": page.pk,
        "url": url,
        "title": page.title,
        "summary": page.summary,
        "body": stream_text(page.body.raw_data),
        "tags": [tag.name for tag in page.tags.all()],
        "partner": partner.slug if partner else "",
        "partner_name": partner.title if partner else "",
        "partner_type": partner.partner_type if partner else "",
        "sectors": [s.slug for s in sectors],
        "sector_names": [s.name for s in sectors],
        "themes": [t.slug for t in themes],
        "theme_names": [t.name for t in themes],
        "audiences": [a.slug for a in page.audiences.all()],
        "format": page.tool_format,
        "format_label": str(page.get_tool_format_display()),
        "training_format": None,
        "access": page.access,
        "partners_only": page.access == "partners",
        "language": page.language,
        "price": page.price,
        "published": _date(page.first_published_at),
        "updated": _date(page.last_published_at),
        "reviewed": _date(page.last_reviewed),
        "employees_upskilled": None,
        "popularity": getattr(page, "case_count", None) or 0,
    }


def case_document(page, url):
    sectors = list(page.sectors.all())
    themes = list(page.themes.all())
    partner = page.partner
    body = " ".join(
        stream_text(stream.raw_data)
        for stream in (page.challenge, page.approach, page.results)
    )
    return {
        "kind": CASE,
        "page_id": page.pk,
        "url": url,
        "title": page.title,
        "summary": page.summary,
        "body": f"{body} {page.quote}".strip(),
        "tags": [tag.name for tag in page.tags.all()],
        "partner": partner.slug if partner else "",
        "partner_name": partner.title if partner else "",
        "partner_type": partner.partner_type if partner else "",
        "sectors": [s.slug for s in sectors],
        "sector_names": [s.name for s in sectors],
        "themes": [t.slug for t in themes],
        "theme_names": [t.name for t in themes],
        "audiences": [],
        "format": None,
        "format_label": str(page.get_training_format_display()),
        "training_format": page.training_format,
        "access": "public",
        "partners_only": False,
        "language": None,
        "price": None,
        "published": _date(page.first_published_at),
        "updated": _date(page.last_published_at),
        "reviewed": None,
        "employees_upskilled": page.employees_upskilled,
        "popularity": page.employees_upskilled or 0,
    }


def iter_documents(kind, ids=None, chunk_size=500):
    """(doc_id, document) for every live page of a kind (or of those ids),
    streamed in chunks so memory stays flat."""
    resolve = UrlResolver()
    if kind == TOOL:
        queryset, build = tool_queryset(), tool_document
    else:
        queryset, build = case_queryset(), case_document
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    for page in queryset.order_by("pk").iterator(chunk_size=chunk_size):
        yield doc_id(kind, page.pk), build(page, resolve(page))


def live_count(kind):
    from cases.models import CasePage
    from toolbox.models import ToolPage

    model = ToolPage if kind == TOOL else CasePage
    return model.objects.live().count()
