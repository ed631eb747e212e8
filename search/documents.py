"""What goes into the Elasticsearch index: the mapping for each analysis
profile and the document built from a tool or case page."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elasticsearch.dsl import (
    Boolean,
    Date,
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    token_filter,
)

from cases.models import CasePage, CasePageTag, CasePageTool, TrainingFormat
from core.choices import Access
from core.models.partners import PartnerPage
from core.models.taxonomy import (
    Audience,
    CompetenceArea,
    CompetenceLevel,
    Sector,
    Theme,
)
from search.analysis import stream_text
from search.types import CASE, FACETS, TOOL
from toolbox.models import ToolFormat, ToolPage, ToolPageTag

# The analysis profiles, best first (SEARCH_ANALYSIS_PROFILE): `full` for a
# stock cluster, `hunspell` for a server with only the core analysis filters
# plus the Danish dictionary, `core` as the last resort.
# Modules each profile needs on every node, beyond the server itself.
PROFILE_MODULES = {"full": {"analysis-common"}, "hunspell": set(), "core": set()}
# The hunspell dictionary a profile needs in every node's config/hunspell/.
PROFILE_DICTIONARIES = {"hunspell": "da_DK"}
# Profiles whose server has no synonym_graph filter: the search backend
# expands synonyms in the query instead, so an editor's change needs no
# rebuild. On `full` the synonyms live in the index settings.
QUERY_TIME_SYNONYMS = frozenset({"hunspell", "core"})
# Raised with every change to build_mapping() or to what a document holds:
# an index of another version is rebuilt by `search_index ensure` (run on
# every deploy), since a strict mapping refuses documents with new fields.
MAPPING_VERSION = 3

TEXT_FIELDS = [
    "title^4",
    "tags^3",
    "summary^2",
    "partner_name^2",
    "sector_names",
    "theme_names",
    "competence_area_names",
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
            f"SEARCH_ANALYSIS_PROFILE={profile!r}: use 'full', 'hunspell' or 'core'."
        )
    return profile


# Danish letters typed without a Danish keyboard. The `full` profile folds
# them in the index (scandinavian_normalization); the others, which lack that
# filter, add the query with the letters put back as one more variant.
DANISH_DIGRAPHS = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))


def with_danish_letters(text):
    """text with aa, ae and oe read as å, æ and ø: "vaerktoej" -> "værktøj"."""
    text = text.lower()
    for digraph, letter in DANISH_DIGRAPHS:
        text = text.replace(digraph, letter)
    return text


def analyzers(profile, synonyms=()):
    """(index analyzer, search analyzer) for a profile."""
    if profile == "core":
        text = analyzer("portal_text", type="standard", stopwords="_danish_")
        return text, text
    danish_stop = token_filter("danish_stop", type="stop", stopwords="_danish_")
    if profile == "hunspell":
        # Every filter here is in the server's core; the dictionary lemmatises
        # (værktøjer, værktøjet -> værktøj). Synonyms are expanded at query time.
        danish_hunspell = token_filter(
            "danish_hunspell",
            type="hunspell",
            locale=PROFILE_DICTIONARIES["hunspell"],
        )
        text = analyzer(
            "portal_text",
            tokenizer="standard",
            filter=["lowercase", danish_stop, danish_hunspell],
        )
        return text, text
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

    # The facet fields build their global ordinals at refresh, not on the
    # first search after it: every search aggregates over them.
    def facet():
        return Keyword(eager_global_ordinals=True)

    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.meta("_meta", {"version": MAPPING_VERSION})
    fields = {
        "kind": facet(),
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
        "sectors": facet(),
        "sector_names": txt(),
        "themes": facet(),
        "theme_names": txt(),
        "audiences": facet(),
        "format": facet(),
        "format_label": Keyword(index=False),
        "training_format": facet(),
        "access": Keyword(),
        "language": Keyword(),
        "price": facet(),
        "languages": facet(),
        "competence_levels": facet(),
        "competence_areas": facet(),
        "competence_area_names": txt(),
        "floor_time": facet(),
        "used_where": facet(),
        "published": Date(),
        "updated": Date(),
        "reviewed": Date(),
        "employees_upskilled": Integer(),
        "popularity": Integer(),
        "helpful_score": Float(),
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

    def __call__(self, page_or_path):
        url_path = getattr(page_or_path, "url_path", page_or_path)
        for root in self.roots:
            if url_path.startswith(root):
                return "/" + url_path[len(root) :]
        return url_path


def _related(model, field_name, ids, target_values):
    """{page id: [target rows]} for a many-to-many field, through its table,
    with target rows from target_values ({target id: row})."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    found = {}
    for page_id, target_id in through.objects.filter(
        **{f"{source}_id__in": ids}
    ).values_list(f"{source}_id", f"{target}_id"):
        row = target_values.get(target_id)
        if row is not None:
            found.setdefault(page_id, []).append(row)
    return found


def _tags(tag_model, ids):
    found = {}
    for page_id, name in tag_model.objects.filter(
        content_object_id__in=ids
    ).values_list("content_object_id", "tag__name"):
        found.setdefault(page_id, []).append(name)
    return found


def _date(value):
    return value.isoformat() if value else None


# What _common() reads from a row of either kind.
COMMON_ROW_FIELDS = (
    "pk",
    "title",
    "url_path",
    "summary",
    "partner_id",
    "first_published_at",
    "last_published_at",
)


# The tool facets computed from the page's own fields (see DerivedValues),
# and the fields they read.
DERIVED_TOOL_FACETS = [
    (spec, spec.derived(TOOL)) for spec in FACETS if spec.derived(TOOL) is not None
]
DERIVED_TOOL_FIELDS = sorted(
    {name for _spec, derived in DERIVED_TOOL_FACETS for name in derived.fields}
    - {"language", "price"}
)


class DocumentBuilder:
    """Builds index documents from plain rows, a chunk of pages at a time:
    one query per relation per chunk and no model instances, so a rebuild
    is fast and its memory flat."""

    def __init__(self):
        self.url = UrlResolver()
        self.sectors = {
            pk: (slug, name)
            for pk, slug, name in Sector.objects.values_list("pk", "slug", "name")
        }
        self.themes = {
            pk: (slug, name)
            for pk, slug, name in Theme.objects.values_list("pk", "slug", "name")
        }
        self.audiences = {
            pk: (slug, name)
            for pk, slug, name in Audience.objects.values_list("pk", "slug", "name")
        }
        self.competence_levels = {
            pk: (slug, name)
            for pk, slug, name in CompetenceLevel.objects.values_list(
                "pk", "slug", "name"
            )
        }
        self.competence_areas = {
            pk: (slug, name)
            for pk, slug, name in CompetenceArea.objects.values_list(
                "pk", "slug", "name"
            )
        }
        self.partners = {
            pk: (slug, title, partner_type)
            for pk, slug, title, partner_type in PartnerPage.objects.values_list(
                "pk", "slug", "title", "partner_type"
            )
        }

    def _common(self, kind, row, sectors, themes, tags):
        partner = self.partners.get(row["partner_id"], ("", "", ""))
        return {
            "kind": kind,
            "page_id": row["pk"],
            "url": self.url(row["url_path"]),
            "title": row["title"],
            "summary": row["summary"],
            "tags": tags,
            "partner": partner[0],
            "partner_name": partner[1],
            "partner_type": partner[2],
            "sectors": [slug for slug, _name in sectors],
            "sector_names": [name for _slug, name in sectors],
            "themes": [slug for slug, _name in themes],
            "theme_names": [name for _slug, name in themes],
            "published": _date(row["first_published_at"]),
            "updated": _date(row["last_published_at"]),
        }

    def tools(self, ids):
        from django.db.models import Count

        labels = dict(ToolFormat.choices)
        sectors = _related(ToolPage, "sectors", ids, self.sectors)
        themes = _related(ToolPage, "themes", ids, self.themes)
        audiences = _related(ToolPage, "audiences", ids, self.audiences)
        levels = _related(ToolPage, "competence_levels", ids, self.competence_levels)
        areas = _related(ToolPage, "competence_areas", ids, self.competence_areas)
        tags = _tags(ToolPageTag, ids)
        used = dict(
            CasePageTool.objects.filter(tool_id__in=ids, page__live=True)
            .values("tool_id")
            .annotate(n=Count("page_id", distinct=True))
            .values_list("tool_id", "n")
        )
        # The visitors' "was this useful?" answers (toolbox.ToolStats).
        helpful = dict(
            ToolPage.objects.filter(pk__in=ids, stats__isnull=False).values_list(
                "pk", "stats__helpful_score"
            )
        )
        rows = (
            ToolPage.objects.listable()
            .filter(pk__in=ids)
            .values(
                *COMMON_ROW_FIELDS,
                "tool_format",
                "access",
                "language",
                "price",
                "last_reviewed",
                *DERIVED_TOOL_FIELDS,
                body_json=_json_text("body"),
            )
        )
        for row in rows:
            pk = row["pk"]
            document = self._common(
                TOOL, row, sectors.get(pk, []), themes.get(pk, []), tags.get(pk, [])
            )
            document.update(
                body=stream_text(_raw(row["body_json"])),
                audiences=[slug for slug, _name in audiences.get(pk, [])],
                format=row["tool_format"],
                format_label=str(labels.get(row["tool_format"], "")),
                training_format=None,
                access=row["access"],
                partners_only=row["access"] == Access.PARTNERS,
                language=row["language"],
                price=row["price"],
                competence_levels=[slug for slug, _name in levels.get(pk, [])],
                **_area_fields(areas.get(pk, [])),
                reviewed=_date(row["last_reviewed"]),
                employees_upskilled=None,
                popularity=used.get(pk, 0),
                helpful_score=helpful.get(pk) or 0.0,
            )
            for spec, derived in DERIVED_TOOL_FACETS:
                document[spec.field] = derived.values(row)
            yield doc_id(TOOL, pk), document

    def cases(self, ids):
        labels = dict(TrainingFormat.choices)
        sectors = _related(CasePage, "sectors", ids, self.sectors)
        themes = _related(CasePage, "themes", ids, self.themes)
        areas = _related(CasePage, "competence_areas", ids, self.competence_areas)
        tags = _tags(CasePageTag, ids)
        rows = (
            CasePage.objects.listable()
            .filter(pk__in=ids)
            .values(
                *COMMON_ROW_FIELDS,
                "quote",
                "training_format",
                "employees_upskilled",
                challenge_json=_json_text("challenge"),
                approach_json=_json_text("approach"),
                results_json=_json_text("results"),
            )
        )
        for row in rows:
            pk = row["pk"]
            document = self._common(
                CASE, row, sectors.get(pk, []), themes.get(pk, []), tags.get(pk, [])
            )
            body = " ".join(
                stream_text(_raw(row[f"{name}_json"]))
                for name in ("challenge", "approach", "results")
            )
            document.update(
                body=f"{body} {row['quote']}".strip(),
                audiences=[],
                format=None,
                format_label=str(labels.get(row["training_format"], "")),
                training_format=row["training_format"],
                access=CasePage.access,
                partners_only=CasePage.access == Access.PARTNERS,
                language=None,
                price=None,
                languages=[],
                competence_levels=[],
                **_area_fields(areas.get(pk, [])),
                floor_time=[],
                used_where=[],
                reviewed=None,
                employees_upskilled=row["employees_upskilled"],
                popularity=row["employees_upskilled"] or 0,
            )
            yield doc_id(CASE, pk), document


def _area_fields(areas):
    """The competence areas of a page: slugs to filter, names to search
    ("ledelsesforankring" finds the tools for it)."""
    return {
        "competence_areas": [slug for slug, _name in areas],
        "competence_area_names": [name for _slug, name in areas],
    }


def _json_text(field_name):
    """A StreamField's stored JSON as text: json.loads is much cheaper than
    building a StreamValue, and the index needs only the raw data."""
    from django.db.models import TextField
    from django.db.models.functions import Cast

    return Cast(field_name, output_field=TextField())


def _raw(stream):
    """A StreamField value's raw data, whatever form values() gave it."""
    if stream is None:
        return []
    raw = getattr(stream, "raw_data", stream)
    if isinstance(raw, str):
        import json

        try:
            raw = json.loads(raw)
        except ValueError:
            return []
    return list(raw)


def iter_documents(kind, ids=None, chunk_size=1000):
    """(doc_id, document) for every listable page of a kind (or those of
    ids that are), streamed in chunks so memory stays flat."""
    builder = DocumentBuilder()
    model, build = (
        (ToolPage, builder.tools) if kind == TOOL else (CasePage, builder.cases)
    )
    if ids is None:
        ids = model.objects.listable().order_by("pk").values_list("pk", flat=True)
        ids = list(ids.iterator(chunk_size=10_000))
    ids = list(ids)
    for start in range(0, len(ids), chunk_size):
        yield from build(ids[start : start + chunk_size])


def live_count(kind):
    model = ToolPage if kind == TOOL else CasePage
    return model.objects.listable().count()
