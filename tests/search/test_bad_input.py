"""Property-based tests: any input gets a 200 with sane results or a 400
with a clear Danish message, from the parser and from the view, on both
backends."""

from django.http import QueryDict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.params import SearchInputError, parse_search_params
from search.types import MAX_PAGE_SIZE, MIN_PAGE_SIZE, facet_choices

NASTY = [
    "",
    'AND (( "',
    "title:(foo OR",
    "*:*",
    "\\",
    "/regex/",
    "~2^3",
    "a" * 10_000,
    "🙂🚀" * 20,
    "\x00\x01\x1f",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "sidemandsoplæring",
    "æøå ÆØÅ",
    "\u202e\u200b",
]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=250))
numberish = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "-1", "0", "1e9", "NaN", "2.5", " 3 ", "9" * 40]),
    st.text(max_size=12),
)
facet_value = st.one_of(
    st.sampled_from(["produktion", "sundhed", "guide", "tool", "case", "ojt"]),
    st.text(max_size=30),
)
params_strategy = st.fixed_dictionaries(
    {},
    optional={
        "q": text,
        "sektor": st.lists(facet_value, max_size=5),
        "tema": st.lists(facet_value, max_size=3),
        "format": st.lists(facet_value, max_size=3),
        "type": st.lists(facet_value, max_size=3),
        "sort": st.one_of(st.sampled_from(["relevans", "nyeste", "mest-brugt"]), text),
        "side": numberish,
        "antal": numberish,
    },
)

hypothesis_settings = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def querydict(params):
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


@hypothesis_settings
@given(params=params_strategy)
def test_parser_returns_a_sane_request_or_a_clear_error(db, params):
    try:
        request = parse_search_params(querydict(params))
    except SearchInputError as error:
        assert str(error)  # a message to show
        return
    assert len(request.query) <= 200
    assert all(ord(char) >= 32 for char in request.query)
    assert request.page >= 1
    assert MIN_PAGE_SIZE <= request.page_size <= MAX_PAGE_SIZE
    choices = facet_choices()
    for param, values in request.filters.items():
        assert set(values) <= {value for value, _label in choices[param]}


@hypothesis_settings
@given(params=params_strategy)
def test_search_page_never_fails(backend, data, client, params):
    response = client.get("/soeg/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'role="alert"' in response.content.decode()
    suggest = client.get("/soeg/forslag/", {"q": params.get("q", "")})
    assert suggest.status_code in (200, 400)
