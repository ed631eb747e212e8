"""The database backend, the embedded default: full text through Wagtail's
database search backend (SQLite FTS5 or PostgreSQL), widened by the ORM for
Danish inflections and the denormalised fields, and facet counts from the ORM."""

import difflib
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, FloatField, IntegerField, Q, Value
from django.db.models.functions import Coalesce

from cases.models import CasePage
from portal.access import visible_access_levels
from portal.models.taxonomy import Audience, Sector, Theme
from search.backends.common import facet_values, featured_page_ids, promoted_page_ids
from search.documents import UrlResolver
from search.text import expand_synonyms, highlight, stem, words
from search.types import (
    CASE,
    FACETS_BY_PARAM,
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

# Candidates considered per kind and per matching method: the embedded
# backend ranks, counts and facets only the best this many matches of a
# broad query (Elasticsearch has no such bound). Past a few thousand pages,
# use Elasticsearch.
MATCH_LIMIT = 1000
PROMOTION_BOOST = 50.0
FEATURED_BOOST = 1.5
VOCABULARY_CACHE_SECONDS = 600


def content_models():
    """The page model of each kind of search document."""
    return {TOOL: ToolPage, CASE: CasePage}


class DatabaseBackend:
    name = "database"

    # Querysets

    @staticmethod
    def _base(kind, user):
        return content_models()[kind].objects.visible_to(user)

    @staticmethod
    def _apply(queryset, kind, filters, skip=None):
        for param, values in filters.items():
            if param == skip or not values or param not in FACETS_BY_PARAM:
                continue
            if param == "type":
                if kind not in values:
                    return queryset.none()
                continue
            lookup = FACETS_BY_PARAM[param].lookups.get(kind)
            if lookup is None:
                return queryset.none()
            queryset = queryset.filter(**{f"{lookup}__in": list(values)})
        return queryset

    def _terms(self, query, synonyms):
        terms = []
        for variant in expand_synonyms(query, synonyms):
            for word in words(variant):
                if word not in terms:
                    terms.append(word)
        return terms

    def _matches(self, kind, query, terms, user):
        """{pk: score} for pages matching the query, at most MATCH_LIMIT."""
        base = self._base(kind, user)
        scores = defaultdict(float)
        if terms:
            fts = base.search(" ".join(terms), operator="or", order_by_relevance=True)
            for page in fts[:MATCH_LIMIT]:
                scores[page.pk] += 2.0
        stems = {stem(term) for term in terms if len(term) >= 3}
        if stems:
            condition = Q()
            for value in stems:
                # Sector and theme names are left to the facets: their
                # joins multiply rows on large sites.
                condition |= (
                    Q(title__icontains=value)
                    | Q(summary__icontains=value)
                    | Q(tags__name__icontains=value)
                    | Q(partner__title__icontains=value)
                )
            for pk in (base.filter(condition).values_list("pk", flat=True).distinct())[
                :MATCH_LIMIT
            ]:
                scores[pk] += 1.0
        if not scores:
            return {}
        featured = set(featured_page_ids())
        promoted = set(promoted_page_ids(query))
        rows = (
            self._base(kind, user)
            .filter(pk__in=list(scores))
            .values_list("pk", "title", "summary")
        )
        for pk, title, summary in rows:
            title, summary = title.lower(), summary.lower()
            for value in stems:
                scores[pk] += 3.0 * (value in title) + 1.0 * (value in summary)
            if query.lower() in title:
                scores[pk] += 3.0
            scores[pk] += FEATURED_BOOST * (pk in featured)
            scores[pk] += PROMOTION_BOOST * (pk in promoted)
        return dict(scores)

    # Search

    def search(self, request, user, synonyms):
        choices = facet_choices()
        filters = request.active_filters()
        terms = self._terms(request.query, synonyms) if request.query else []
        bases, matches = {}, {}
        for kind in request.kinds():
            base = self._base(kind, user)
            if request.query:
                matches[kind] = self._matches(kind, request.query, terms, user)
                base = base.filter(pk__in=list(matches[kind]))
            bases[kind] = base

        filtered = {
            kind: self._apply(base, kind, filters) for kind, base in bases.items()
        }
        total = sum(
            content_models()[kind].objects.filter(pk__in=qs.values("pk")).count()
            for kind, qs in filtered.items()
        )
        window = min(request.offset + request.page_size, MAX_RESULT_WINDOW)
        keys = self._ordered_keys(request, filtered, matches, window)
        page_keys = keys[request.offset : request.offset + request.page_size]
        hits = self._hits(page_keys, terms, matches)
        results = SearchResults(
            request=request, hits=hits, total=total, backend=self.name
        )
        results.facets = self._facets(request, bases, filters, choices)
        return results

    def _ordered_keys(self, request, filtered, matches, window):
        """[(kind, pk)] for the first `window` results in the requested order."""
        rows = []
        for kind, qs in filtered.items():
            model = content_models()[kind]
            qs = model.objects.filter(pk__in=qs.values("pk"))
            if request.sort == SORT_RELEVANCE and request.query:
                scores = matches.get(kind, {})
                for pk, published in qs.values_list("pk", "first_published_at"):
                    stamp = published.timestamp() if published else 0.0
                    rows.append(((scores.get(pk, 0.0), stamp, pk), kind, pk))
                continue
            if request.sort == SORT_MOST_USED:
                if kind == TOOL:
                    qs = qs.annotate(
                        popularity=Count(
                            "case_links",
                            filter=Q(case_links__page__live=True),
                            distinct=True,
                        )
                    )
                else:
                    qs = qs.annotate(
                        popularity=Coalesce(
                            "employees_upskilled", Value(0), output_field=IntegerField()
                        )
                    )
                qs = qs.order_by("-popularity", "-first_published_at", "-pk")
                fields = ("popularity", "first_published_at", "pk")
            elif request.sort == SORT_MOST_USEFUL:
                if kind == TOOL:
                    usefulness = Coalesce(
                        "stats__helpful_score", Value(0.0), output_field=FloatField()
                    )
                else:
                    usefulness = Value(-1.0, output_field=FloatField())
                qs = qs.annotate(usefulness=usefulness).order_by(
                    "-usefulness", "-first_published_at", "-pk"
                )
                fields = ("usefulness", "first_published_at", "pk")
            else:
                qs = qs.order_by("-first_published_at", "-pk")
                fields = ("first_published_at", "pk")
            for values in qs.values_list(*fields)[:window]:
                rows.append((_sort_key(values), kind, values[-1]))
        rows.sort(key=lambda row: row[0], reverse=True)
        return [(kind, pk) for _key, kind, pk in rows[:window]]

    def _hits(self, keys, terms, matches):
        by_kind = defaultdict(list)
        for kind, pk in keys:
            by_kind[kind].append(pk)
        pages = {}
        for kind, ids in by_kind.items():
            model = content_models()[kind]
            for page in model.objects.filter(pk__in=ids).with_listing_data():
                pages[(kind, page.pk)] = page
        resolve = UrlResolver() if pages else None
        hits = []
        for kind, pk in keys:
            page = pages.get((kind, pk))
            if page is not None:
                hits.append(
                    self._hit(kind, page, resolve(page), terms, matches.get(kind, {}))
                )
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

    def _facets(self, request, bases, filters, choices):
        facets = []
        for spec in request.facet_specs():
            counts = defaultdict(int)
            for kind, base in bases.items():
                if not spec.applies_to(kind):
                    continue
                qs = self._apply(base, kind, filters, skip=spec.param)
                model = content_models()[kind]
                ids = model.objects.filter(pk__in=qs.values("pk"))
                if spec.param == "type":
                    counts[kind] += ids.count()
                    continue
                lookup = spec.lookups[kind]
                for value, n in ids.values_list(lookup).annotate(
                    n=Count("pk", distinct=True)
                ):
                    if value:
                        counts[value] += n
            selected = set(request.filters.get(spec.param, []))
            facets.append(
                Facet(
                    spec.param,
                    spec.label,
                    facet_values(spec, choices, counts, selected),
                )
            )
        return facets

    # Help, suggestions, related

    def _vocabulary(self, user):
        key = "search:vocabulary:" + "-".join(sorted(visible_access_levels(user)))
        vocabulary = cache.get(key)
        if vocabulary is None:
            found = set()
            texts = []
            for kind in (TOOL, CASE):
                base = self._base(kind, user)
                texts.extend(base.values_list("title", flat=True))
                texts.extend(
                    base.filter(tags__isnull=False).values_list("tags__name", flat=True)
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
            for page in (
                self._base(kind, user).filter(condition).order_by("title")[:limit]
            ):
                suggestions.append(
                    {
                        "title": page.title,
                        "url": resolve(page),
                        "kind": kind,
                        "page_id": page.pk,
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
            .annotate(shared=score)
            .order_by("-shared", "-first_published_at", "-pk")
            .values_list("pk", flat=True)[:limit]
        )
        keys = [(TOOL, pk) for pk in ranked]
        return self._hits(keys, [], {})


def _sort_key(values):
    """A comparable tuple: dates as timestamps, None (never published) last."""
    return tuple(
        0.0
        if value is None
        else value.timestamp()
        if hasattr(value, "timestamp")
        else value
        for value in values
    )
