"""The Elasticsearch backend, written with the elasticsearch.dsl API."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from elasticsearch.dsl import A, MultiSearch, Q, Search

from core.access import visible_access_levels
from core.choices import Access
from search.analysis import expand_synonyms, stem, words
from search.backends.base import SearchBackend
from search.backends.common import facet_values, featured_page_ids, promoted_page_ids
from search.client import alias_name, get_client
from search.documents import (
    QUERY_TIME_SYNONYMS,
    SOURCE_FIELDS,
    TEXT_FIELDS,
    doc_id,
    profile_name,
    with_danish_letters,
)
from search.types import (
    FACETS_BY_PARAM,
    SORT_MOST_USED,
    SORT_MOST_USEFUL,
    SORT_NEWEST,
    TOOL,
    Facet,
    Hit,
    SearchResults,
    facet_choices,
)

FUZZY_FIELDS = ["title^4", "tags^3", "summary^2"]
# Compounds: a word searched inside longer words of the short fields, and a
# long query word split in two.
COMPOUND_FIELDS = ["title", "tags", "summary"]
COMPOUND_MIN = 5
SPLIT_MIN = 4
MAX_SPLITS = 12
COMPOUND_BOOST = 0.3
PROMOTION_BOOST = 50.0
FEATURED_BOOST = 1.5
PHRASE_BOOST = 3.0


def compound_splits(word):
    """The ways to read word as two words of at least SPLIT_MIN letters, with
    a linking s or e dropped: "kundeservicechatbot" -> ..., ("kundeservice",
    "chatbot"), ...; at most MAX_SPLITS."""
    splits = []
    for cut in range(SPLIT_MIN, len(word) - SPLIT_MIN + 1):
        head, tail = word[:cut], word[cut:]
        splits.append((head, tail))
        if head[-1] in "se" and len(head) > SPLIT_MIN:
            splits.append((head[:-1], tail))
    return splits[:MAX_SPLITS]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    # Compound matching costs a third more per search at 50 000 documents,
    # so it is the second try of a search that found nothing.
    matches_compounds_on_request = True

    def __init__(self, client=None, index=None):
        self.client = client or get_client()
        # Another index than the alias's: a rebuilt one warmed before the swap.
        self.index = index or alias_name()

    # Building blocks

    def _search(self):
        return Search(using=self.client, index=self.index)

    def _text_query(self, query, synonyms, compounds=False):
        variants = [query]
        if profile_name() in QUERY_TIME_SYNONYMS:
            # Without synonym_graph on the server, expand at query time: an
            # editor's new synonym group works at once, with no rebuild.
            variants = expand_synonyms(query, synonyms)
            typed = {variant.lower() for variant in variants}
            variants += [
                folded
                for folded in dict.fromkeys(map(with_danish_letters, variants))
                if folded not in typed
            ]
        exact, fuzzy = [], []
        for variant in variants:
            exact.append(
                Q(
                    "multi_match",
                    query=variant,
                    fields=TEXT_FIELDS,
                    type="best_fields",
                    tie_breaker=0.3,
                )
            )
            # Typos (and, on the core profile, inflections) through fuzziness,
            # only on the short fields: fuzzy expansion over the body's large
            # vocabulary is what made queries slow on 50 000 documents.
            fuzzy.append(
                Q(
                    "multi_match",
                    query=variant,
                    fields=FUZZY_FIELDS,
                    type="best_fields",
                    fuzziness="AUTO",
                    prefix_length=2,
                    max_expansions=10,
                )
            )
        # The best variant counts, not their sum: a word every variant shares
        # must not outweigh the one the synonym put in.
        should = [Q("dis_max", queries=exact), Q("dis_max", queries=fuzzy, boost=0.5)]
        should.append(Q("match_bool_prefix", title={"query": query, "boost": 0.5}))
        if compounds:
            should += self._compound_queries(query)
        return Q("bool", should=should, minimum_should_match=1)

    @staticmethod
    def _compound_queries(query):
        """Danish writes compounds as one word, and the dictionary leaves the
        ones it does not know whole, so "svejsning" never meets
        "robotsvejsning" and "kundeservicechatbot" never meets a chatbot for
        kundeservice. The query's stems (and two neighbours written together)
        are looked for inside the words of the short fields, and a long word
        is tried split in two. Both rank below a match of the words as typed."""
        tokens = words(query)
        joined = [
            a + b
            for a, b in zip(tokens, tokens[1:], strict=False)
            if min(len(a), len(b)) >= SPLIT_MIN
        ]
        inside = {stem(token) for token in [*tokens, *joined]}
        clauses = [
            Q("wildcard", **{field: {"value": f"*{part}*"}})
            for part in sorted(inside)
            if len(part) >= COMPOUND_MIN
            for field in COMPOUND_FIELDS
        ]
        for token in tokens:
            for head, tail in compound_splits(token):
                clauses.append(
                    Q(
                        "multi_match",
                        query=f"{head} {tail}",
                        fields=FUZZY_FIELDS,
                        type="cross_fields",
                        operator="and",
                    )
                )
        if not clauses:
            return []
        return [Q("dis_max", queries=clauses, boost=COMPOUND_BOOST)]

    @staticmethod
    def _access(user):
        return Q("terms", access=visible_access_levels(user))

    def _filters(self, request, user):
        """The access filter (and a fixed kind) belong in the query itself, so
        totals and facet counts never include what the user may not see."""
        filters = [self._access(user)]
        if request.kind:
            filters.append(Q("term", kind=request.kind))
        return filters

    def _query(self, request, user, synonyms):
        filters = self._filters(request, user)
        if not request.query:
            return Q("bool", filter=filters)
        should = [
            Q(
                "multi_match",
                query=request.query,
                fields=["title^2", "summary"],
                type="phrase",
                boost=PHRASE_BOOST,
            )
        ]
        featured = featured_page_ids()
        if featured:
            should.append(Q("terms", page_id=featured, boost=FEATURED_BOOST))
        promoted = promoted_page_ids(request.query)
        if promoted:
            should.append(Q("terms", page_id=promoted, boost=PROMOTION_BOOST))
        return Q(
            "bool",
            must=[self._text_query(request.query, synonyms, request.compounds)],
            should=should,
            filter=filters,
        )

    @staticmethod
    def _facet_filter(spec, values):
        return Q("terms", **{spec.field: list(values)})

    def _sort(self, request):
        if request.sort == SORT_MOST_USED:
            return [{"popularity": {"order": "desc"}}, "_score", {"page_id": "desc"}]
        if request.sort == SORT_MOST_USEFUL:
            # Cases have no feedback: they follow the tools (missing last).
            useful = {"order": "desc", "missing": "_last", "unmapped_type": "float"}
            return [{"helpful_score": useful}, "_score", {"page_id": "desc"}]
        if request.sort == SORT_NEWEST or not request.query:
            return [{"published": {"order": "desc"}}, {"page_id": "desc"}]
        return ["_score", {"published": {"order": "desc"}}, {"page_id": "desc"}]

    def _build(self, request, user, synonyms, choices):
        specs = request.facet_specs()
        active = {
            param: values
            for param, values in request.active_filters().items()
            if param in FACETS_BY_PARAM
        }
        query = self._query(request, user, synonyms)
        # The facet counts go in a request of their own, of size 0, which
        # Elasticsearch's shard request cache keeps until the index changes:
        # a listing's facets are counted once per publish, not per visitor.
        counts = self._search().query(query).extra(size=0).params(request_cache=True)
        s = self._search().query(query)
        if active:
            s = s.post_filter(
                Q(
                    "bool",
                    filter=[
                        self._facet_filter(FACETS_BY_PARAM[p], v)
                        for p, v in active.items()
                    ],
                )
            )
        # FacetedSearch-style: each facet counts with every other active
        # filter applied but not its own.
        for spec in specs:
            others = [
                self._facet_filter(FACETS_BY_PARAM[p], v)
                for p, v in active.items()
                if p != spec.param
            ]
            agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            agg.bucket(
                "values",
                "terms",
                field=spec.field,
                size=max(20, len(choices.get(spec.param, [])) + 5),
            )
            counts.aggs.bucket(f"facet_{spec.param}", agg)
        s = s.sort(*self._sort(request))
        s = s.source(SOURCE_FIELDS)
        if request.query:
            # Highlight from the exact terms only: rewriting the fuzzy
            # clauses for the highlighter doubled the query's cost.
            s = s.highlight_options(
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                require_field_match=False,
                highlight_query=Q(
                    "multi_match",
                    query=" ".join(expand_synonyms(request.query, synonyms)),
                    fields=["title", "summary", "body"],
                ).to_dict(),
            )
            s = s.highlight("title", number_of_fragments=0)
            s = s.highlight("summary", "body", fragment_size=180, number_of_fragments=1)
        s = s.extra(track_total_hits=True)
        return s[request.offset : request.offset + request.page_size], counts, specs

    # Results

    @staticmethod
    def _hit(hit):
        source = hit.to_dict()
        highlights = getattr(hit.meta, "highlight", None)
        title_html = snippet_html = ""
        if highlights is not None:
            if "title" in highlights:
                title_html = mark_safe(highlights["title"][0])  # noqa: S308
            for name in ("summary", "body"):
                if name in highlights:
                    snippet_html = mark_safe(highlights[name][0])  # noqa: S308
                    break
        summary = source.get("summary", "")
        return Hit(
            kind=source.get("kind", ""),
            page_id=source.get("page_id"),
            title=source.get("title", ""),
            url=source.get("url", ""),
            summary=summary,
            title_html=title_html or escape(source.get("title", "")),
            snippet_html=snippet_html or escape(summary),
            access=source.get("access", Access.PUBLIC),
            partner_name=source.get("partner_name", ""),
            sector_names=source.get("sector_names", []),
            format_label=source.get("format_label", ""),
            published=source.get("published"),
            case_count=source.get("popularity", 0) if source.get("kind") == TOOL else 0,
            employees_upskilled=source.get("employees_upskilled"),
            score=hit.meta.score or 0.0,
        )

    def search(self, request, user, synonyms):
        choices = facet_choices()
        s, counts, specs = self._build(request, user, synonyms, choices)
        response, counted = (
            MultiSearch(using=self.client, index=self.index)
            .add(s)
            .add(counts)
            .execute(raise_on_error=True)
        )
        total = response.hits.total.value
        results = SearchResults(
            request=request,
            hits=[self._hit(hit) for hit in response.hits],
            total=total,
            backend=self.name,
        )
        for spec in specs:
            buckets = counted.aggregations[f"facet_{spec.param}"]["values"].buckets
            counts = {bucket.key: bucket.doc_count for bucket in buckets}
            selected = set(request.filters.get(spec.param, []))
            results.facets.append(
                Facet(
                    spec.param,
                    spec.label,
                    facet_values(spec, choices, counts, selected),
                )
            )
        return results

    SPELLING_FIELDS = ("title", "summary")

    def spelling(self, query, user):
        """A corrected query from the index's terms, built only from words
        that occur in documents this user may see. The term suggester reads
        the whole index's vocabulary and ignores every filter, so each
        candidate word is checked against the access filter before use."""
        s = self._search().extra(size=0)
        for name in self.SPELLING_FIELDS:
            s = s.suggest(
                name, query, term={"field": name, "suggest_mode": "always", "size": 5}
            )
        response = s.execute()
        candidates = {}
        for name in self.SPELLING_FIELDS:
            for entry in getattr(response.suggest, name, []):
                for option in entry.options:
                    candidates.setdefault(entry.text, []).append(
                        (option.score, option.text)
                    )
        if not candidates:
            return ""
        visible = self._visible_terms(
            {word for options in candidates.values() for _s, word in options}, user
        )
        corrected = query.lower()
        for original, options in candidates.items():
            usable = sorted(
                (option for option in options if option[1] in visible), reverse=True
            )
            if usable:
                corrected = corrected.replace(original, usable[0][1])
        return corrected if corrected != query.lower() else ""

    def _visible_terms(self, terms, user):
        """The terms that occur in the title or summary of at least one
        document this user may see: one request, a filter bucket a term."""
        if not terms:
            return set()
        terms = sorted(terms)
        s = self._search().extra(size=0).query(Q("bool", filter=[self._access(user)]))
        s.aggs.bucket(
            "terms",
            "filters",
            filters={
                str(number): Q(
                    "bool",
                    should=[Q("term", **{name: term}) for name in self.SPELLING_FIELDS],
                )
                for number, term in enumerate(terms)
            },
        )
        buckets = s.execute().aggregations["terms"]["buckets"]
        return {
            term
            for number, term in enumerate(terms)
            if buckets[str(number)]["doc_count"] > 0
        }

    def autocomplete(self, prefix, user, limit):
        s = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[Q("match_bool_prefix", title={"query": prefix})],
                    filter=[self._access(user)],
                )
            )
            .source(["title", "url", "kind", "page_id"])
            .extra(size=limit)
        )
        return [
            {
                "title": hit.title,
                "url": hit.url,
                "kind": hit.kind,
                "page_id": hit.page_id,
            }
            for hit in s.execute().hits
        ]

    def related_tools(self, tool, user, limit):
        s = (
            self._search()
            .query(
                Q(
                    "bool",
                    must=[
                        Q(
                            "more_like_this",
                            fields=[
                                "title",
                                "summary",
                                "body",
                                "tags",
                                "sector_names",
                                "theme_names",
                            ],
                            like=[{"_index": self.index, "_id": doc_id(TOOL, tool.pk)}],
                            min_term_freq=1,
                            min_doc_freq=1,
                            max_query_terms=25,
                        )
                    ],
                    filter=[Q("term", kind=TOOL), self._access(user)],
                    must_not=[Q("term", page_id=tool.pk)],
                )
            )
            .source(SOURCE_FIELDS)
            .extra(size=limit)
        )
        return [self._hit(hit) for hit in s.execute().hits]
