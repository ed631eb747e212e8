"""The database backend, the embedded default and the fallback while
Elasticsearch is down: full text through the database's own index over
search.models.SearchText (weighted tsvectors with GIN indexes on PostgreSQL,
FTS5 with bm25 on SQLite); total, facet counts and results in one statement
over the matched rows, which carry their facet values and sort values.

Text and query are analysed alike in Python (search.analysis.analyse: Snowball
Danish stems, Danish stop words), so both databases match the same words.
Every result, total and count comes from `Model.objects.visible_to(user)`;
the full-text match only narrows it."""

import contextlib
import difflib
import hashlib
import json
import threading
import time
from collections import OrderedDict, defaultdict
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection, transaction
from django.db.models import Count, F, IntegerField, Max, Q, Value
from django.utils.translation import gettext_lazy as _

from cases.models import CasePage
from core.access import visible_access_levels
from core.models.taxonomy import Audience, Sector, Theme
from search.analysis import analyse, expand_synonyms, highlight, query_stems, words
from search.backends.base import SearchBackend
from search.backends.common import facet_values, featured_page_ids, promoted_page_ids
from search.documents import UrlResolver, iter_documents, parse_doc_id
from search.models import SearchText
from search.types import (
    CASE,
    FACETS,
    FACETS_BY_PARAM,
    KINDS,
    MAX_RESULT_WINDOW,
    SORT_MOST_USED,
    SORT_MOST_USEFUL,
    SORT_RELEVANCE,
    TOOL,
    Facet,
    Hit,
    SearchResults,
    facet_choices,
)
from toolbox.models import ToolPage

FEATURED_BOOST = 1.5
VOCABULARY_CACHE_SECONDS = 600
# Pages whose search text is rewritten per statement.
WRITE_CHUNK = 500


def content_models():
    """The page model of each kind of search document."""
    return {TOOL: ToolPage, CASE: CasePage}


# Answers of recent searches


class ResultsCache:
    """Recent search answers in the default cache, which every process
    shares when it is Redis (production): total, facet counts and the
    ordered page keys; never the pages themselves, which every search reads
    again through visible_to. Keys hold text_version(), so any change to the
    search text retires every answer at once; an answer also expires after
    SEARCH_RESULTS_CACHE_SECONDS (0 turns the cache off)."""

    def __init__(self):
        # clear() moves this process on to new keys; the default cache
        # cannot list the old ones to delete them.
        self.generation = 0

    @staticmethod
    def seconds():
        return settings.SEARCH_RESULTS_CACHE_SECONDS

    def key(self, key):
        digest = hashlib.sha256(repr(key).encode()).hexdigest()
        return f"search:database:{self.generation}:{digest}"

    def get(self, key):
        if self.seconds() <= 0:
            return None
        return cache.get(self.key(key))

    def set(self, key, answer):
        seconds = self.seconds()
        if seconds > 0:
            cache.set(self.key(key), answer, seconds)

    def clear(self):
        self.generation += 1


results_cache = ResultsCache()

TOO_SLOW_NOTICE = _(
    "Søgningen tog for lang tid lige nu. Prøv med flere eller mere præcise ord, "
    "eller vælg en sektor."
)


class SearchTookTooLong(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    """Stops the statements run inside after `seconds`. A search the
    visitor has given up on (a gunicorn timeout, a closed tab) must not run
    on in the database, which is what turned an Elasticsearch outage at
    50 000 documents into minutes of load (docs/benchmarks.md)."""
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL statement_timeout = %s", [max(1, int(seconds * 1000))]
                )
                yield
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise SearchTookTooLong from error
            raise
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + seconds
        raw = connection.connection
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 100)
        try:
            yield
        except OperationalError as error:
            if "interrupted" in str(error):
                raise SearchTookTooLong from error
            raise
        finally:
            raw.set_progress_handler(None, 0)
    else:
        yield


_version = {"checked": 0.0, "value": None}
# How long a process trusts the last text_version() it read.
VERSION_SECONDS = 1.0


def text_version():
    """(rows, last change) of the search text: any write to the text
    (publishing, unpublishing, privacy, renames, deletions) changes it, in
    every process. Read at most once a second; inside a transaction, which
    may yet be rolled back, read every time and not remembered."""
    if connection.in_atomic_block:
        return _read_version()
    now = time.monotonic()
    if _version["value"] is None or now - _version["checked"] > VERSION_SECONDS:
        _version["value"] = _read_version()
        _version["checked"] = now
    return _version["value"]


def _read_version():
    # COUNT(*) with MAX(changed) reads the narrow index on `changed` alone.
    found = SearchText.objects.aggregate(rows=Count("*"), last=Max("changed"))
    return found["rows"], found["last"]


def forget_text_version():
    """Makes this process read text_version() again after a write."""
    _version["value"] = None


# The stored text


def search_text_rows(kind, ids):
    """SearchText rows for the listable pages of a kind among ids, built
    from the same documents Elasticsearch indexes."""
    for key, document in iter_documents(kind, ids):
        _kind, page_id = parse_doc_id(key)
        keywords = " ".join(
            [
                document["summary"],
                *document["tags"],
                document["partner_name"],
                *document["sector_names"],
                *document["theme_names"],
                *document["competence_area_names"],
            ]
        )
        published = document["published"]
        yield SearchText(
            page_id=page_id,
            title=" ".join(analyse(document["title"])),
            keywords=" ".join(analyse(keywords)),
            body=" ".join(analyse(document["body"])),
            kind=kind,
            facets=facet_tokens(document),
            published=datetime.fromisoformat(published) if published else None,
            popularity=document["popularity"],
            helpful_score=document.get("helpful_score"),
        )


def facet_tokens(document):
    """Every facet value of an index document as "param:value" (the
    parameter a search filters it with), which SearchText.facets holds."""
    tokens = []
    for spec in FACETS:
        value = document.get(spec.field)
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, ""):
                tokens.append(f"{spec.param}:{item}")
    return tokens


def update_search_text(keys):
    """Rewrites the search text of documents ("tool-12", "case-7") from the
    database, in the caller's transaction: a page that is no longer listable
    loses its row. Returns the number of rows written."""
    by_kind = defaultdict(list)
    for key in set(keys):
        kind, page_id = parse_doc_id(key)
        if kind in KINDS:
            by_kind[kind].append(page_id)
    written = 0
    forget_text_version()
    with transaction.atomic():
        for kind, ids in by_kind.items():
            ids.sort()
            for start in range(0, len(ids), WRITE_CHUNK):
                chunk = ids[start : start + WRITE_CHUNK]
                SearchText.objects.filter(page_id__in=chunk).delete()
                rows = list(search_text_rows(kind, chunk))
                SearchText.objects.bulk_create(rows, batch_size=WRITE_CHUNK)
                written += len(rows)
    return written


def rebuild_search_text(progress=None):
    """Replaces every row in one transaction, so searches read the old text
    until the new is complete. progress(kind, done, total) is called after
    each chunk. Returns {kind: rows}."""
    written = {}
    forget_text_version()
    with transaction.atomic():
        SearchText.objects.all().delete()
        for kind, model in content_models().items():
            ids = list(
                model.objects.listable()
                .order_by("pk")
                .values_list("pk", flat=True)
                .iterator(chunk_size=10_000)
            )
            written[kind] = 0
            for start in range(0, len(ids), 1000):
                rows = list(search_text_rows(kind, ids[start : start + 1000]))
                SearchText.objects.bulk_create(rows, batch_size=WRITE_CHUNK)
                written[kind] += len(rows)
                if progress is not None:
                    progress(kind, min(start + 1000, len(ids)), len(ids))
    return written


def search_text_status():
    """{kind: (rows, listable pages)}: equal numbers mean the text is complete."""
    status = {}
    for kind, model in content_models().items():
        listable = model.objects.listable().order_by()
        # A row written before it carried its kind and facets counts as
        # missing, so `search_text verify` asks for a rebuild.
        rows = SearchText.objects.filter(
            kind=kind, page_id__in=listable.values("pk")
        ).count()
        status[kind] = (rows, listable.count())
    return status


# The full-text index of each database


# What found() and scanned() select from a search text row `t`, before its
# score: its relevance, or the value a sort orders by (_Search.sort_value).
ROW = (
    "t.page_id AS page_id, t.kind AS kind, t.facets AS facets, t.published AS published"
)


def every_row(value):
    """(sql, params) of every search text row, with value as its score."""
    sql = f"SELECT {ROW}, {value} AS score FROM portal_search_searchtext t"  # noqa: S608
    return f"{sql} WHERE 1 = 1", []


FROM_MATCHES = (
    "SELECT t.page_id, t.kind, t.facets, t.published, t.score FROM matches t "
    "WHERE 1 = 1"
)


# A search text row `t` matches a tsquery (given twice) in its head or body.
MATCH = "(t.head @@ %s::tsquery OR t.body_vector @@ %s::tsquery)"
# The search's own planner settings, for the rest of its transaction (see
# PostgresText.fetch), set in one round trip. JIT is off for every
# connection (portal.settings.base).
PLANNER = (
    "SELECT set_config('work_mem', '64MB', true), "
    "set_config('max_parallel_workers_per_gather', '0', true), "
    "set_config('enable_seqscan', %s, true)"
)


class PostgresText:
    """Two tsvector columns made by the migrations, each with a GIN index:
    `head` (title A, keywords B), which ranks, and `body_vector`, which only
    matches. Ranking reads the small head alone, never a page's body."""

    @staticmethod
    def query(stems):
        """A tsquery of the stems as literal lexemes, no parser in between,
        so the query holds exactly the stems the text was stored with."""
        parts = []
        for value, prefix in stems:
            lexeme = "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
            parts.append(lexeme + (":*" if prefix else ""))
        return " | ".join(parts)

    def found(self, stems, value=None):
        """(sql, params) of the search text rows `t` that match stems: ROW
        and score, which is their relevance or, when given, value (SQL over
        `t`); ending in a WHERE clause the caller may extend."""
        query = self.query(stems)
        score, params = self.score(query, value)
        sql = (
            f"SELECT {ROW}, {score} AS score FROM portal_search_searchtext t "  # noqa: S608
            f"WHERE {MATCH}"
        )
        return sql, [*params, query, query]

    def scanned(self, stems, value=None):
        """(sql, params) like found(), but of every row, with whether it
        matches (`matched`): for a query that matches most of the text,
        reading all rows once beats fetching most through the index."""
        query = self.query(stems)
        score, params = self.score(query, value)
        sql = (
            f"SELECT {ROW}, {score} AS score, {MATCH} AS matched "  # noqa: S608
            "FROM portal_search_searchtext t WHERE 1 = 1"
        )
        return sql, [*params, query, query]

    @staticmethod
    def score(query, value):
        """(sql, params) of a row's score: value, or the rank of its head."""
        if value is None:
            return "ts_rank(t.head, %s::tsquery)", [query]
        return value, []

    def count(self, stems):
        """How many rows match stems, through the full-text indexes alone."""
        query = self.query(stems)
        sql = f"SELECT COUNT(*) FROM portal_search_searchtext t WHERE {MATCH}"  # noqa: S608
        return self.fetch(sql, [query, query], indexed=True)[0][0]

    @staticmethod
    def has_any(tokens):
        """(sql, params): a condition on a row's facets, that they hold one
        of tokens."""
        marks = ", ".join(["%s"] * len(tokens))
        return f"facets ?| ARRAY[{marks}]::text[]", list(tokens)

    @staticmethod
    def tokens(relation, condition):
        """SQL of one `value` column: the facet tokens of relation's rows
        that meet condition."""
        return (
            f"SELECT jsonb_array_elements_text(facets) AS value "  # noqa: S608
            f"FROM {relation} WHERE {condition}"
        )

    @staticmethod
    def fetch(sql, params, indexed=False):
        """The rows of sql. indexed: the statement reads the search text
        through its full-text indexes only, never row by row."""
        # The matched rows with their facets, held once for the counts, the
        # total and the results, stay in memory for the broadest query at
        # 50 000 pages instead of going to a temporary file. And the planner
        # prices testing a tsvector row by row far below what it costs, so
        # it would read a third of the text row by row rather than through
        # the index. Many searches run at once on a web server: parallel
        # workers for one would take the cores the others wait for.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute(PLANNER, ["off" if indexed else "on"])
            cursor.execute(sql, params)
            return cursor.fetchall()


BM25 = "-bm25(portal_search_searchtext_fts, 10.0, 4.0, 1.0)"


class SqliteText:
    """An FTS5 table over the same fields, kept in step by triggers, both
    made by the migrations; ranked with bm25 (title 10, keywords 4, body 1)."""

    @staticmethod
    def query(stems):
        parts = []
        for value, prefix in stems:
            phrase = '"' + value.replace('"', '""') + '"'
            parts.append(phrase + ("*" if prefix else ""))
        return " OR ".join(parts)

    def found(self, stems, value=None):
        sql = (
            f"SELECT {ROW}, {value or 'f.score'} AS score "  # noqa: S608
            f"FROM ({self.matching(value)}) f "
            "JOIN portal_search_searchtext t ON t.page_id = f.page_id WHERE 1 = 1"
        )
        return sql, [self.query(stems)]

    def scanned(self, stems, value=None):
        if value is not None:
            # Sorted by a value of the row: whether it matches is all FTS5
            # has to tell, a list of row ids it builds once.
            sql = (
                f"SELECT {ROW}, {value} AS score, t.page_id IN ("  # noqa: S608
                "SELECT rowid FROM portal_search_searchtext_fts "
                "WHERE portal_search_searchtext_fts MATCH %s) AS matched "
                "FROM portal_search_searchtext t WHERE 1 = 1"
            )
            return sql, [self.query(stems)]
        sql = (
            f"SELECT {ROW}, f.score AS score, "  # noqa: S608
            "f.page_id IS NOT NULL AS matched FROM portal_search_searchtext t "
            f"LEFT JOIN ({self.matching(value)}) f "
            "ON f.page_id = t.page_id WHERE 1 = 1"
        )
        return sql, [self.query(stems)]

    @staticmethod
    def matching(value):
        """The FTS5 matches: page id and bm25 score, unless value sorts."""
        score = "0.0" if value else BM25
        return (
            f"SELECT rowid AS page_id, {score} AS score "  # noqa: S608
            "FROM portal_search_searchtext_fts "
            "WHERE portal_search_searchtext_fts MATCH %s"
        )

    def count(self, stems):
        sql = (
            "SELECT COUNT(*) FROM portal_search_searchtext_fts "
            "WHERE portal_search_searchtext_fts MATCH %s"
        )
        return self.fetch(sql, [self.query(stems)])[0][0]

    @staticmethod
    def has_any(tokens):
        # The facets are stored as JSON text, in which a token is its own
        # quoted JSON string: finding that is exact, and far cheaper than
        # taking the array apart for every row.
        tests = " OR ".join(["instr(facets, %s) > 0"] * len(tokens))
        return f"({tests})", [json.dumps(token) for token in tokens]

    @staticmethod
    def tokens(relation, condition):
        return (
            f"SELECT j.value AS value FROM {relation} r, json_each(r.facets) j "  # noqa: S608
            f"WHERE {condition}"
        )

    @staticmethod
    def fetch(sql, params, indexed=False):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def full_text():
    if connection.vendor == "postgresql":
        return PostgresText()
    if connection.vendor == "sqlite":
        return SqliteText()
    raise ImproperlyConfigured(
        f"The database search backend supports PostgreSQL and SQLite, not "
        f"{connection.vendor}."
    )


def compiled(queryset):
    return queryset.query.sql_with_params()


# Each row of a search's answer is (part, value, n, position, score): a
# facet token and its count (of the search, or of its listing), the total,
# or a result (kind, page id, its position and sort value).
COUNTS, TOTAL, RESULT, LISTING = 0, 1, 2, 3
COUNTS_PART = (
    "SELECT {part}, value, COUNT(*), CAST(NULL AS BIGINT), CAST(NULL AS FLOAT) "
    "FROM ({tokens}) c GROUP BY value"
)
# A query matching more than this share of the text is counted through its
# listing (_Search.run): below it, fetching the matches through the index
# and counting them costs less than reading every row.
BROAD_SHARE = 0.65
# The listing counts a broad query subtracts from are retired by any change
# to the search text. Like the Elasticsearch index, they follow what the
# signals report; a change no signal sees (a bulk update) reaches them
# within this time.
LISTING_CACHE_SECONDS = 600
TOTAL_PART = (
    "SELECT 1, CAST(NULL AS TEXT), COUNT(*), CAST(NULL AS BIGINT), "
    "CAST(NULL AS FLOAT) FROM {rows} WHERE {condition}"
)
RESULTS_PART = (
    "SELECT 2, kind, page_id, ROW_NUMBER() OVER (ORDER BY {order}), sort_value "
    "FROM (SELECT * FROM ({rows}) r ORDER BY {order} LIMIT %s) k"
)


# The backend


class DatabaseBackend(SearchBackend):
    name = "database"
    # The text rows hold whole Danish stems: a word inside a compound is not
    # one of them, so a second try with compounds would find nothing new.
    matches_compounds_on_request = False

    def __init__(self):
        self.text = full_text()

    @staticmethod
    def _base(kind, user):
        return content_models()[kind].objects.visible_to(user)

    def _terms(self, query, synonyms):
        terms = []
        for variant in expand_synonyms(query, synonyms):
            for word in words(variant):
                if word not in terms:
                    terms.append(word)
        return terms

    # Search

    def search(self, request, user, synonyms):
        """Total, facet counts and the requested page of hits, from one
        statement whose parts share the match and the narrowed sets."""
        choices = facet_choices()
        filters = {
            param: list(values)
            for param, values in request.active_filters().items()
            if param in FACETS_BY_PARAM
        }
        terms = self._terms(request.query, synonyms) if request.query else []
        stems = query_stems(terms)
        results = SearchResults(request=request, backend=self.name)
        if request.query and not stems:
            # Only stop words or signs: nothing can match.
            results.facets = self._facets(request, {}, choices)
            return results
        ranked = request.sort == SORT_RELEVANCE and bool(stems)
        window = min(request.offset + request.page_size, MAX_RESULT_WINDOW)
        version = text_version()
        key = (
            version,
            tuple(stems),
            tuple(sorted((param, tuple(sorted(v))) for param, v in filters.items())),
            tuple(request.kinds()),
            tuple(spec.param for spec in request.facet_specs()),
            tuple(sorted(visible_access_levels(user))),
            request.sort,
            window,
            tuple(promoted_page_ids(request.query)) if ranked else (),
        )
        answer = results_cache.get(key)
        if answer is None:
            search = _Search(self.text, request, user, filters, stems, ranked, version)
            try:
                with time_limit(settings.SEARCH_DATABASE_TIMEOUT):
                    answer = search.run(window)
            except SearchTookTooLong:
                results.notice = TOO_SLOW_NOTICE
                results.facets = self._facets(request, {}, choices)
                return results
            results_cache.set(key, answer)
        total, counts, found = answer
        page = found[request.offset : request.offset + request.page_size]
        scores = {pk: score for kind, pk, score in page} if ranked else {}
        keys = [(kind, pk) for kind, pk, _score in page]
        results.total = total
        results.hits = self._hits(keys, terms, scores, user)
        results.facets = self._facets(request, counts, choices)
        return results

    def _facets(self, request, counts, choices):
        facets = []
        for spec in request.facet_specs():
            selected = set(request.filters.get(spec.param, []))
            values = facet_values(spec, choices, counts.get(spec.param, {}), selected)
            facets.append(Facet(spec.param, spec.label, values))
        return facets

    def _hits(self, keys, terms, scores, user):
        by_kind = defaultdict(list)
        for kind, pk in keys:
            by_kind[kind].append(pk)
        rows = {}
        for kind, ids in by_kind.items():
            for row in self._hit_rows(kind, ids, user):
                rows[(kind, row["pk"])] = row
        resolve = UrlResolver() if rows else None
        return [
            self._hit(kind, rows[(kind, pk)], resolve, terms, scores)
            for kind, pk in keys
            if (kind, pk) in rows
        ]

    def _hit_rows(self, kind, ids, user):
        """What a hit shows of the visible pages among ids, as plain rows
        rather than page objects: read through visible_to again, since the
        keys may come from the results cache."""
        model = content_models()[kind]
        pages = self._base(kind, user).filter(pk__in=ids)
        fields = ["pk", "title", "url_path", "summary", "first_published_at"]
        if kind == TOOL:
            # The listing's own figures (toolbox), not a copy of their rules.
            pages = pages.with_listing_data().prefetch_related(None)
            fields += ["access", "tool_format", "case_count"]
        else:
            fields += ["training_format", "employees_upskilled"]
        rows = list(pages.order_by().values(*fields, partner_name=F("partner__title")))
        field = model._meta.get_field("sectors")
        page, sector = field.m2m_field_name(), field.m2m_reverse_field_name()
        ordering = [f"{sector}__{name}" for name in Sector._meta.ordering]
        names = defaultdict(list)
        for page_id, name in (
            field.remote_field.through.objects.filter(
                **{f"{page}_id__in": [row["pk"] for row in rows]}
            )
            .order_by(*ordering)
            .values_list(f"{page}_id", f"{sector}__name")
        ):
            names[page_id].append(name)
        for row in rows:
            row["sector_names"] = names[row["pk"]]
        return rows

    @staticmethod
    def _hit(kind, row, resolve, terms, scores):
        is_tool = kind == TOOL
        model = content_models()[kind]
        format_field = "tool_format" if is_tool else "training_format"
        labels = dict(model._meta.get_field(format_field).flatchoices)
        value = row[format_field]
        return Hit(
            kind=kind,
            page_id=row["pk"],
            title=row["title"],
            url=resolve(row["url_path"]),
            summary=row["summary"],
            title_html=highlight(row["title"], terms),
            snippet_html=highlight(row["summary"], terms, limit=220),
            access=row["access"] if is_tool else model.access,
            partner_name=row["partner_name"] or "",
            sector_names=row["sector_names"],
            format_label=str(labels.get(value, value)),
            published=row["first_published_at"],
            case_count=row["case_count"] if is_tool else 0,
            employees_upskilled=None if is_tool else row["employees_upskilled"],
            score=scores.get(row["pk"], 0.0),
        )

    # Help, suggestions, related

    def _vocabulary(self, user):
        key = "search:vocabulary:" + "-".join(sorted(visible_access_levels(user)))
        vocabulary = cache.get(key)
        if vocabulary is None:
            found = set()
            texts = []
            for kind in (TOOL, CASE):
                base = self._base(kind, user).order_by()
                texts.extend(base.values_list("title", flat=True).distinct())
                texts.extend(
                    base.filter(tags__isnull=False)
                    .values_list("tags__name", flat=True)
                    .distinct()
                )
            for model in (Sector, Theme, Audience):
                texts.extend(model.objects.values_list("name", flat=True))
            for text in texts:
                found.update(word for word in words(text or "") if len(word) > 3)
            vocabulary = sorted(found)
            cache.set(key, vocabulary, VOCABULARY_CACHE_SECONDS)
        return vocabulary

    def spelling(self, query, user):
        vocabulary = self._vocabulary(user)
        known = set(vocabulary)
        corrected = []
        changed = False
        for word in query.lower().split():
            if len(word) > 3 and word not in known:
                pool = [
                    candidate
                    for candidate in vocabulary
                    if candidate[0] == word[0] and abs(len(candidate) - len(word)) <= 2
                ]
                match = difflib.get_close_matches(word, pool, n=1, cutoff=0.8)
                if match:
                    corrected.append(match[0])
                    changed = True
                    continue
            corrected.append(word)
        return " ".join(corrected) if changed else ""

    def autocomplete(self, prefix, user, limit):
        suggestions = []
        resolve = UrlResolver()
        condition = Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}")
        for kind in (TOOL, CASE):
            rows = (
                self._base(kind, user)
                .filter(condition)
                .order_by("title")
                .values_list("pk", "title", "url_path")[:limit]
            )
            for pk, title, url_path in rows:
                suggestions.append(
                    {
                        "title": title,
                        "url": resolve(url_path),
                        "kind": kind,
                        "page_id": pk,
                    }
                )
        suggestions.sort(
            key=lambda item: (
                not item["title"].lower().startswith(prefix.lower()),
                item["title"],
            )
        )
        return suggestions[:limit]

    def related_tools(self, tool, user, limit):
        # The tool's own relations may be modelcluster's in-memory managers.
        sector_ids = [sector.pk for sector in tool.sectors.all()]
        theme_ids = [theme.pk for theme in tool.themes.all()]
        tag_ids = [item.tag_id for item in tool.tagged_items.all()]
        # Only non-empty lists: an empty IN inside an aggregate's filter
        # would empty the whole query.
        relations = [
            (weight, relation, Q(**{f"{lookup}__in": ids}))
            for weight, relation, lookup, ids in (
                (1, "sectors", "sectors", sector_ids),
                (1, "themes", "themes", theme_ids),
                (2, "tagged_items", "tagged_items__tag_id", tag_ids),
            )
            if ids
        ]
        if not relations:
            return []
        condition = Q()
        score = Value(0, output_field=IntegerField())
        for weight, relation, match in relations:
            condition |= match
            score = score + weight * Count(relation, filter=match, distinct=True)
        candidates = (
            self._base(TOOL, user).exclude(pk=tool.pk).filter(condition).values("pk")
        )
        ranked = (
            content_models()[TOOL]
            .objects.filter(pk__in=candidates)
            # Grouped by these two columns only, not by every page column.
            .values("pk", "first_published_at")
            .annotate(shared=score)
            .order_by("-shared", "-first_published_at", "-pk")
            .values_list("pk", flat=True)[:limit]
        )
        keys = [(TOOL, pk) for pk in ranked]
        return self._hits(keys, [], {}, user)


MATCH_COUNTS_SIZE = 500
_match_counts = OrderedDict()  # (text version, stems) -> rows matched
_match_counts_lock = threading.Lock()


def match_count(text, stems, version):
    """How many rows of the search text stems match, remembered for the
    text version: what decides how a search reads the text (_Search.run)."""
    key = (version, tuple(stems))
    with _match_counts_lock:
        if key in _match_counts:
            _match_counts.move_to_end(key)
            return _match_counts[key]
    count = text.count(stems)
    with _match_counts_lock:
        _match_counts[key] = count
        while len(_match_counts) > MATCH_COUNTS_SIZE:
            _match_counts.popitem(last=False)
    return count


class _Search:
    """The one statement of a search (DatabaseBackend.search). It starts
    from the pages of each kind that visible_to(user) keeps, narrows their
    search text rows to the matches, and reads the facet counts, the total
    and the window of results from those rows alone."""

    def __init__(self, text, request, user, filters, stems, ranked, version):
        self.text, self.request, self.user = text, request, user
        self.filters, self.stems, self.ranked = filters, stems, ranked
        self.version = version  # text_version(), read before the statement

    def run(self, window):
        """(total, {param: {value: count}}, [(kind, pk, score)] of the first
        `window` results), from one statement.

        A query that matches most pages reads every visible row once and
        counts the facets of the rows it does not match: the listing's
        counts (same filters, no query) minus those are the query's. The
        listing's counts are kept per text version in the default cache, and
        counted in the same statement when they are missing."""
        self.ctes, self.params = [], []
        broad = bool(self.stems) and (
            match_count(self.text, self.stems, self.version)
            > BROAD_SHARE * self.version[0]
        )
        listing_key = self.listing_key()
        listing = cache.get(listing_key) if broad else None
        # Every page the search may count or show starts here: the rows of
        # each kind are kept to the pages visible_to(user) selects, a
        # subquery per kind whose size the planner knows, so it can look a
        # few matches up or join many. Each row carries whether it passes
        # each active filter (f0, f1, ...), and, when every row is read, its
        # facets only if the query does not match it: only those are counted.
        flags, flag_columns, flag_params = [], [], []
        for param, values in sorted(self.filters.items()):
            flag = f"f{len(flags)}"
            sql, params = self.text.has_any([f"{param}:{value}" for value in values])
            flag_columns.append(f", {sql} AS {flag}")
            flag_params.extend(params)
            flags.append((param, flag))
        facets = "facets"
        if broad and listing is not None:
            facets = "CASE WHEN matched THEN NULL ELSE facets END"
        matched = ", matched" if broad else ""
        value = None if self.ranked else self.sort_value()
        if not self.stems:
            source, params = every_row(value)
        elif broad:
            source, params = self.text.scanned(self.stems, value)
        else:
            source, params = self.text.found(self.stems, value)
        if self.stems and not broad:
            # The matches alone, through the full-text indexes: left to its
            # own plan, not joined to the pages first.
            self.define("matches", source, params)
            source, params = FROM_MATCHES, []
        branches, all_params = [], []
        for kind in self.request.kinds():
            base = content_models()[kind].objects.visible_to(self.user).order_by()
            visible, visible_params = compiled(base.values("pk"))
            # Only a kind's own pages are visible_to it; the kind is tested
            # first where the planner knows how many rows have it (the
            # table), not on the matches, whose kinds it cannot estimate.
            of_kind, kind_params = "", []
            if source is not FROM_MATCHES:
                of_kind, kind_params = "AND t.kind = %s ", [kind]
            branches.append(
                f"SELECT page_id, kind, {facets} AS facets, published, score"  # noqa: S608
                f"{matched}{''.join(flag_columns)} FROM ({source} {of_kind}"
                f"AND t.page_id IN ({visible})) x"
            )
            all_params += [*flag_params, *params, *kind_params, *visible_params]
        rows = "found"
        self.define(rows, " UNION ALL ".join(branches), all_params)
        conditions = [flag for _param, flag in flags]
        everything = " AND ".join(["matched", *conditions] if broad else conditions)
        parts, params = [], []
        counted = [(COUNTS, "NOT matched" if broad else "")]
        if broad and listing is None:
            counted.append((LISTING, ""))
        for part, scope in counted:
            sql, more = self.counted(rows, flags, scope)
            parts.append(COUNTS_PART.format(part=part, tokens=sql))
            params += more
        parts.append(TOTAL_PART.format(rows=rows, condition=everything or "1 = 1"))
        sql, more = self.results(rows, everything or "1 = 1")
        parts.append(sql)
        sql = f"WITH {', '.join(self.ctes)} {' UNION ALL '.join(parts)}"
        answer = self.text.fetch(
            sql,
            [*self.params, *params, *more, window],
            indexed=bool(self.stems) and not broad,
        )
        total, tokens, found = 0, {}, []
        new_listing = {}
        for part, value, n, position, score in answer:
            if part == COUNTS:
                tokens[value] = n
            elif part == LISTING:
                new_listing[value] = n
            elif part == TOTAL:
                total = n
            else:
                found.append((position, value, n, float(score or 0)))
        if broad:
            if listing is None:
                listing = new_listing
                cache.set(listing_key, listing, LISTING_CACHE_SECONDS)
            tokens = {
                token: max(0, n - tokens.get(token, 0)) for token, n in listing.items()
            }
        elif not self.stems:
            # A listing: what a broad query with these filters subtracts from.
            cache.set(listing_key, tokens, LISTING_CACHE_SECONDS)
        counts = {}
        for token, n in tokens.items():
            if n:
                param, _sep, value = token.partition(":")
                counts.setdefault(param, {})[value] = n
        found.sort()
        return total, counts, [(kind, pk, score) for _p, kind, pk, score in found]

    def listing_key(self):
        """The cache key of the facet counts of this search without its
        query: the text's version, who is asking, the kinds and filters."""
        filters = sorted(
            (param, sorted(values)) for param, values in self.filters.items()
        )
        parts = [
            self.version,
            sorted(visible_access_levels(self.user)),
            self.request.kinds(),
            filters,
        ]
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        return f"search:listing-counts:{digest}"

    def define(self, header, sql, params, materialized=True):
        """Adds a common table expression; one that is materialized is
        evaluated once however often the statement reads it."""
        how = "MATERIALIZED" if materialized else "NOT MATERIALIZED"
        self.ctes.append(f"{header} AS {how} ({sql})")
        self.params.extend(params)

    def counted(self, rows, flags, scope):
        """(sql, params) of the facet tokens to count among the rows in
        scope (a condition, or "" for all), FacetedSearch-style: a value
        counts the rows that pass every active filter but its own facet's.
        So a row that passes them all gives every token, and a row that
        fails exactly one filter gives the tokens of that facet."""
        everything = [flag for _param, flag in flags]
        condition = " AND ".join(filter(None, [scope, *everything])) or "1 = 1"
        branches, params = [self.text.tokens(rows, condition)], []
        for param, flag in flags:
            others = [other for other in everything if other != flag]
            condition = " AND ".join(filter(None, [scope, f"NOT {flag}", *others]))
            branches.append(
                f"SELECT value FROM ({self.text.tokens(rows, condition)}) b "  # noqa: S608
                "WHERE substr(value, 1, %s) = %s"
            )
            params += [len(param) + 1, f"{param}:"]
        return " UNION ALL ".join(branches), params

    def results(self, rows, everything):
        """(sql, params) of the part that lists the first results in the
        requested order, with their position. By relevance: promoted pages
        first, featured ones a little higher, then the newest. Relevance
        without a query is the newest first."""
        selected = (
            f"SELECT kind, page_id, score AS sort_value, published "  # noqa: S608
            f"FROM {rows} WHERE {everything}"
        )
        order, order_params = [], []
        if self.ranked:
            promoted = promoted_page_ids(self.request.query)
            if promoted:
                marks = ", ".join(["%s"] * len(promoted))
                order.append(f"CASE WHEN page_id IN ({marks}) THEN 1 ELSE 0 END DESC")
                order_params.extend(promoted)
            featured = featured_page_ids()
            if featured:
                marks = ", ".join(["%s"] * len(featured))
                order.append(
                    f"sort_value * CASE WHEN page_id IN ({marks}) "
                    f"THEN {FEATURED_BOOST} ELSE 1.0 END DESC"
                )
                order_params.extend(featured)
        order += ["sort_value DESC", "published IS NULL", "published DESC"]
        order.append("page_id DESC")
        sql = RESULTS_PART.format(order=", ".join(order), rows=selected)
        return sql, [*order_params, *order_params]

    def sort_value(self):
        """SQL over a search text row `t` of what a sort other than
        relevance orders by; the newest first follows (results)."""
        if self.request.sort == SORT_MOST_USED:
            return "t.popularity"
        if self.request.sort == SORT_MOST_USEFUL:
            # Cases have no answers: after every tool.
            return "COALESCE(t.helpful_score, -1.0)"
        return "0.0"
