"""The database backend, the embedded default and the fallback while
Elasticsearch is down: full text through the database's own index over
search.models.SearchText (a weighted tsvector with a GIN index on
PostgreSQL, FTS5 with bm25 on SQLite), facet counts in one grouped statement.

Text and query are analysed alike in Python (search.text.analyse: Snowball
Danish stems, Danish stop words), so both databases match the same words.
Every result, total and count comes from `Model.objects.visible_to(user)`;
the full-text match only narrows it."""

import contextlib
import difflib
import threading
import time
from collections import OrderedDict, defaultdict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection, transaction
from django.db.models import CharField, Count, IntegerField, Max, Q, Value
from django.utils.translation import gettext_lazy as _

from wagtail.fields import StreamField

from cases.models import CasePage, CasePageTool
from portal.access import visible_access_levels
from portal.models.taxonomy import Audience, Sector, Theme
from search.backends.common import facet_values, featured_page_ids, promoted_page_ids
from search.documents import UrlResolver, iter_documents, parse_doc_id
from search.models import SearchText
from search.text import analyse, expand_synonyms, highlight, query_stems, words
from search.types import (
    CASE,
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
from toolbox.models import ToolPage, ToolStats

FEATURED_BOOST = 1.5
VOCABULARY_CACHE_SECONDS = 600
# Pages whose search text is rewritten per statement.
WRITE_CHUNK = 500


def content_models():
    """The page model of each kind of search document."""
    return {TOOL: ToolPage, CASE: CasePage}


def stream_fields(kind):
    """A hit needs none of a page's StreamFields, the costliest to load."""
    model = content_models()[kind]
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
    ]


# Answers of recent searches


class ResultsCache:
    """This process's recent search answers (total, facet counts and the
    ordered page keys; never the pages themselves, which every search reads
    again through visible_to). Keys hold text_version(), so any change to
    the search text retires every answer at once; an answer also expires
    after SEARCH_RESULTS_CACHE_SECONDS (0 turns the cache off)."""

    size = 500

    def __init__(self):
        self.lock = threading.Lock()
        self.answers = OrderedDict()  # key -> (expires, answer)

    @staticmethod
    def seconds():
        return float(getattr(settings, "SEARCH_RESULTS_CACHE_SECONDS", 60))

    def get(self, key):
        with self.lock:
            entry = self.answers.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self.answers.move_to_end(key)
            return entry[1]

    def set(self, key, answer):
        seconds = self.seconds()
        if seconds <= 0:
            return
        with self.lock:
            self.answers[key] = (time.monotonic() + seconds, answer)
            self.answers.move_to_end(key)
            while len(self.answers) > self.size:
                self.answers.popitem(last=False)

    def clear(self):
        with self.lock:
            self.answers.clear()


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
    found = SearchText.objects.aggregate(rows=Count("pk"), last=Max("changed"))
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
            ]
        )
        yield SearchText(
            page_id=page_id,
            title=" ".join(analyse(document["title"])),
            keywords=" ".join(analyse(keywords)),
            body=" ".join(analyse(document["body"])),
        )


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
        rows = SearchText.objects.filter(page_id__in=listable.values("pk")).count()
        status[kind] = (rows, listable.count())
    return status


# The full-text index of each database


class PostgresText:
    """A weighted tsvector column (title A, keywords B, body C) with a GIN
    index, both made by the migration."""

    match_sql = (
        "SELECT page_id FROM portal_search_searchtext WHERE vector @@ %s::tsquery"
    )
    rank_sql = (
        "SELECT page_id, ts_rank(vector, %s::tsquery) AS score "
        "FROM portal_search_searchtext WHERE vector @@ %s::tsquery"
    )

    @staticmethod
    def query(stems):
        """A tsquery of the stems as literal lexemes, no parser in between,
        so the query holds exactly the stems the text was stored with."""
        parts = []
        for value, prefix in stems:
            lexeme = "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
            parts.append(lexeme + (":*" if prefix else ""))
        return " | ".join(parts)

    def matched(self, stems, ranked):
        """(sql, params) of the matching rows: page_id, and score if ranked."""
        query = self.query(stems)
        if ranked:
            return self.rank_sql, [query, query]
        return self.match_sql, [query]

    @staticmethod
    def fetch(sql, params):
        # Joins of common table expressions have no statistics, so the
        # planner's row estimates for them run into the millions; above its
        # cost thresholds PostgreSQL would then spend most of a second
        # compiling the statement (JIT) to save a few milliseconds.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            cursor.execute("SET LOCAL jit TO DEFAULT")
        return rows


class SqliteText:
    """An FTS5 table over the same fields, kept in step by triggers, both
    made by the migration; ranked with bm25 (title 10, keywords 4, body 1)."""

    match_sql = (
        "SELECT rowid AS page_id FROM portal_search_searchtext_fts "
        "WHERE portal_search_searchtext_fts MATCH %s"
    )
    rank_sql = (
        "SELECT rowid AS page_id, "
        "-bm25(portal_search_searchtext_fts, 10.0, 4.0, 1.0) AS score "
        "FROM portal_search_searchtext_fts "
        "WHERE portal_search_searchtext_fts MATCH %s"
    )

    @staticmethod
    def query(stems):
        parts = []
        for value, prefix in stems:
            phrase = '"' + value.replace('"', '""') + '"'
            parts.append(phrase + ("*" if prefix else ""))
        return " OR ".join(parts)

    def matched(self, stems, ranked):
        return (self.rank_sql if ranked else self.match_sql), [self.query(stems)]

    @staticmethod
    def fetch(sql, params):
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


class Statement:
    """One SQL statement built from parts. The query's match and the sets of
    page ids it reads more than once are common table expressions, each
    evaluated once; parts read through joins, never `IN` over a common
    table expression, whose size the planner cannot know. Names and SQL come
    from this module and from compiled querysets; every value is a
    parameter."""

    def __init__(self, text):
        self.text = text
        self.ctes = []  # (name(columns), MATERIALIZED or NOT MATERIALIZED, sql, params)
        self.names = {}  # (sql, params) -> name

    def define(self, sql, params, columns="id", materialized=True):
        """The name of a common table expression for sql (one per sql). One
        that is not materialized is a view the planner may join into."""
        key = (sql, tuple(params))
        if key not in self.names:
            name = self.names[key] = f"search_{len(self.names)}"
            how = "MATERIALIZED" if materialized else "NOT MATERIALIZED"
            self.ctes.append((f"{name}({columns})", how, sql, list(params)))
        return self.names[key]

    def fetch(self, sql, params):
        parts = [f"{header} AS {how} ({body})" for header, how, body, _p in self.ctes]
        prefix = f"WITH {', '.join(parts)} " if parts else ""
        params = [param for *_cte, more in self.ctes for param in more] + params
        return self.text.fetch(prefix + sql, params)


def compiled(queryset):
    return queryset.query.sql_with_params()


def facet_pairs(model, spec, kind):
    """(page id, value) of every page of model for a facet, read from the
    narrowest tables: a many-to-many value from the relation's own table,
    without the page table. A derived facet (DerivedValues) has one branch
    per value, each the pages its condition keeps."""
    derived = spec.derived(kind)
    if derived is not None:
        branches = [
            model.objects.order_by()
            .filter(condition)
            .values_list("pk", Value(value, output_field=CharField()))
            for value, condition in derived.conditions.items()
        ]
        return branches[0].union(*branches[1:], all=True)
    lookup = spec.lookup(kind)
    name, _sep, rest = lookup.partition("__")
    field = model._meta.get_field(name)
    if field.many_to_many and not field.auto_created and rest:
        through = field.remote_field.through
        return through.objects.order_by().values_list(
            f"{field.m2m_field_name()}_id",
            f"{field.m2m_reverse_field_name()}__{rest}",
        )
    return model.objects.order_by().values_list("pk", lookup)


# Parts of the statement. A set's ids joined to per-page values (a facet's
# or a sort's), the match by score, and the window of results in order.
COUNTED = (
    "SELECT f.value, COUNT(*) FROM {ids} s JOIN {pairs} f ON f.page_id = s.id "
    "GROUP BY f.value"
)
RANKED = (
    "SELECT {kind}, m.score, p.first_published_at, s.id FROM {ids} s "
    "JOIN {matched} m ON m.page_id = s.id JOIN wagtailcore_page p ON p.id = s.id"
)
SORTED = (
    "SELECT {kind}, {value}, p.first_published_at, s.id FROM {ids} s "
    "JOIN wagtailcore_page p ON p.id = s.id"
)
SORTED_BY = (
    "SELECT {kind}, COALESCE(f.value, {default}), p.first_published_at, s.id "
    "FROM {ids} s JOIN wagtailcore_page p ON p.id = s.id "
    "LEFT JOIN {values} f ON f.page_id = s.id"
)
# Each row of the answer is (part, value, n, position, score).
COUNT_PART = (
    "SELECT {part}, c.*, CAST(NULL AS BIGINT), CAST(NULL AS FLOAT) FROM ({sql}) c"
)
KEYS_PART = (
    "SELECT -1 - kind, NULL, page_id, ROW_NUMBER() OVER (ORDER BY {order}), "
    "sort_value FROM (SELECT kind, page_id, sort_value, published FROM {results} "
    "ORDER BY {order} LIMIT %s) k"
)


# The backend


class DatabaseBackend:
    name = "database"

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
        key = (
            text_version(),
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
            search = _Search(self.text, request, user, filters, stems, ranked)
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
        pages = {}
        for kind, ids in by_kind.items():
            # Asked again: the keys may come from the results cache.
            visible = self._base(kind, user).filter(pk__in=ids)
            for page in visible.with_listing_data().defer(*stream_fields(kind)):
                pages[(kind, page.pk)] = page
        resolve = UrlResolver() if pages else None
        hits = []
        for kind, pk in keys:
            page = pages.get((kind, pk))
            if page is not None:
                hits.append(self._hit(kind, page, resolve(page), terms, scores))
        return hits

    @staticmethod
    def _hit(kind, page, url, terms, scores):
        is_tool = kind == TOOL
        return Hit(
            kind=kind,
            page_id=page.pk,
            title=page.title,
            url=url,
            summary=page.summary,
            title_html=highlight(page.title, terms),
            snippet_html=highlight(page.summary, terms, limit=220),
            access=page.access,
            partner_name=page.partner.title if page.partner_id else "",
            sector_names=[sector.name for sector in page.sectors.all()],
            format_label=str(
                page.get_tool_format_display()
                if is_tool
                else page.get_training_format_display()
            ),
            published=page.first_published_at,
            case_count=getattr(page, "case_count", 0) if is_tool else 0,
            employees_upskilled=None if is_tool else page.employees_upskilled,
            score=scores.get(page.pk, 0.0),
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


class _Search:
    """The parts of one search's statement for DatabaseBackend.search."""

    def __init__(self, text, request, user, filters, stems, ranked):
        self.request, self.filters, self.ranked = request, filters, ranked
        self.statement = Statement(text)
        self.matched = None
        if stems:
            columns = "page_id, score" if ranked else "page_id"
            self.matched = self.statement.define(*text.matched(stems, ranked), columns)
        self.visible = {}
        for kind in request.kinds():
            # Every page the search may show starts here.
            base = content_models()[kind].objects.visible_to(user).order_by()
            sql, params = compiled(base.values("pk"))
            if self.matched:
                sql = f"SELECT page_id FROM {self.matched} WHERE page_id IN ({sql})"  # noqa: S608
            self.visible[kind] = self.statement.define(sql, params)

    def run(self, window):
        """(total, {param: {value: count}}, [(kind, pk, score)] of the first
        `window` results), from one statement."""
        labels, parts, params = [], [], []
        for kind in self.request.kinds():
            for param, sql, more in self.count_parts(kind):
                parts.append(COUNT_PART.format(part=len(labels), sql=sql))
                labels.append((param, kind))
                params.extend(more)
        kinds, sql, more = self.keys_part(window)
        if sql:
            parts.append(sql)
            params.extend(more)
        total, counts, found = 0, {}, []
        if not parts:
            # The filters leave out every kind.
            return total, counts, found
        rows = self.statement.fetch(" UNION ALL ".join(parts), params)
        chosen = set(self.filters.get("type") or KINDS)
        for part, value, n, position, score in rows:
            if part < 0:
                found.append((position, kinds[-1 - part], n, float(score)))
                continue
            param, kind = labels[part]
            counted = counts.setdefault(param, {})
            if param == "type":
                counted[kind] = counted.get(kind, 0) + n
                total += n if kind in chosen else 0
            elif value:
                counted[value] = counted.get(value, 0) + n
        found.sort()
        return total, counts, [(kind, pk, score) for _p, kind, pk, score in found]

    def narrowed(self, kind, skip=None):
        """The set of the kind's visible matches with every active filter but
        `skip` applied; None when a filter leaves out the kind."""
        model = content_models()[kind]
        conditions, params = [], []
        for param, values in self.filters.items():
            if param == skip:
                continue
            if param == "type":
                if kind not in values:
                    return None
                continue
            spec = FACETS_BY_PARAM[param]
            if not spec.applies_to(kind):
                return None
            ids = model.objects.order_by().filter(spec.condition(kind, values))
            sql, more = compiled(ids.values("pk"))
            conditions.append(f"id IN ({sql})")
            params.extend(more)
        if not conditions:
            return self.visible[kind]
        sql = f"SELECT id FROM {self.visible[kind]} WHERE {' AND '.join(conditions)}"  # noqa: S608
        return self.statement.define(sql, params)

    def count_parts(self, kind):
        """[(param, sql, params)] giving (value, n) rows: the kind's total
        before the type filter (its type facet count), and each of its facet
        values counted with every other active filter applied but not the
        facet's own (FacetedSearch-style)."""
        everything = self.narrowed(kind, skip="type")
        if everything is None:
            return []
        parts = [("type", f"SELECT NULL, COUNT(*) FROM {everything}", [])]  # noqa: S608
        model = content_models()[kind]
        for spec in self.request.facet_specs():
            if spec.param == "type" or not spec.applies_to(kind):
                continue
            ids = self.narrowed(kind, skip=spec.param)
            if ids is None:
                continue
            pairs = self.statement.define(
                *compiled(facet_pairs(model, spec, kind)),
                columns="page_id, value",
                materialized=False,
            )
            parts.append((spec.param, COUNTED.format(ids=ids, pairs=pairs), []))
        return parts

    def keys_part(self, window):
        """(kinds, sql, params): the part that lists the first `window`
        results of both kinds in the requested order, with their position.
        By relevance: promoted pages first, featured ones a little higher,
        then the newest. Relevance without a query is the newest first."""
        kinds, branches = [], []
        for kind in self.request.kinds():
            ids = self.narrowed(kind)
            if ids is None:
                continue
            if self.ranked:
                sql = RANKED.format(kind=len(kinds), ids=ids, matched=self.matched)
            else:
                values, default = self.sort_values(kind)
                if values is None:
                    sql = SORTED.format(kind=len(kinds), ids=ids, value=default)
                else:
                    name = self.statement.define(
                        *compiled(values),
                        columns="page_id, value",
                        materialized=False,
                    )
                    sql = SORTED_BY.format(
                        kind=len(kinds), ids=ids, values=name, default=default
                    )
            branches.append(sql)
            kinds.append(kind)
        if not branches:
            return kinds, "", []
        results = self.statement.define(
            " UNION ALL ".join(branches),
            [],
            columns="kind, sort_value, published, page_id",
        )
        order, params = [], []
        if self.ranked:
            promoted = promoted_page_ids(self.request.query)
            if promoted:
                marks = ", ".join(["%s"] * len(promoted))
                order.append(f"CASE WHEN page_id IN ({marks}) THEN 1 ELSE 0 END DESC")
                params.extend(promoted)
            featured = featured_page_ids()
            if featured:
                marks = ", ".join(["%s"] * len(featured))
                order.append(
                    f"sort_value * CASE WHEN page_id IN ({marks}) "
                    f"THEN {FEATURED_BOOST} ELSE 1.0 END DESC"
                )
                params.extend(featured)
        order += ["sort_value DESC", "published IS NULL", "published DESC"]
        order.append("page_id DESC")
        sql = KEYS_PART.format(order=", ".join(order), results=results)
        return kinds, sql, [*params, *params, window]

    def sort_values(self, kind):
        """(values, default): a queryset of (page id, sort value) for a sort
        other than relevance, read from the narrow tables that hold it, and
        the value of pages it has no row for; values None when every page
        has the default."""
        sort = self.request.sort
        if sort == SORT_MOST_USED and kind == TOOL:
            # The cases that used the tool and are live.
            used = CasePageTool.objects.order_by().filter(page__live=True)
            return used.values("tool_id").annotate(
                n=Count("page_id", distinct=True)
            ).values_list("tool_id", "n"), 0
        if sort == SORT_MOST_USED:
            people = CasePage.objects.order_by().filter(
                employees_upskilled__isnull=False
            )
            return people.values_list("pk", "employees_upskilled"), 0
        if sort == SORT_MOST_USEFUL and kind == TOOL:
            return ToolStats.objects.order_by().values_list(
                "tool_id", "helpful_score"
            ), 0.0
        if sort == SORT_MOST_USEFUL:
            # Cases have no answers: after every tool.
            return None, -1.0
        return None, 0
