"""Text analysis shared by both backends: cleaning user input, Danish stop
words, the Danish stemmer and analysis of the database backend, synonym
expansion and HTML-safe highlighting."""

import functools
import re
import unicodedata
from html import unescape

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# The Snowball Danish stop-word list (the same words as Elasticsearch's _danish_).
DANISH_STOP_WORDS = frozenset(
    """og i jeg det at en den til er som på de med han af for ikke der var mig
    sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op
    man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog
    noget ville jo deres efter ned skulle denne end dette mit også under have
    dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos
    blive mange ad bliver hendes været thi jer sådan""".split()  # noqa: SIM905
)

# The Snowball Danish stemmer, the algorithm of PostgreSQL's `danish_stem`
# and of Elasticsearch's Danish stemmer. The database backend stems both the
# text it stores and the query with it, so SQLite and PostgreSQL match alike.
_VOWELS = frozenset("aeiouyæåø")
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
_S_ENDING = frozenset("abcdfghjklmnoprtvyzå")
_MAIN_SUFFIXES = sorted(
    """hed ethed ered e erede ende erende ene erne ere en heden eren er heder
    erer heds es endes erendes enes ernes eres ens hedens erens ers ets erets
    et eret""".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)
_OTHER_SUFFIXES = ("elig", "lig", "els", "ig")
_WORD = re.compile(r"[\w\-]+", re.UNICODE)
# Letters and digits: what the stored text and the query are split into.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Stems at least this long also match as a prefix, so "produktion" finds
# "produktionsvirksomheder" and "data" does not find "datter".
PREFIX_MIN_LENGTH = 5


def clean_query(value):
    """Drops control and format characters and collapses whitespace."""
    if not value:
        return ""
    chars = []
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            chars.append(" ")
        else:
            chars.append(char)
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def words(text):
    """Lower-cased words of text, without stop words, at most MAX_TERMS."""
    found = []
    for match in _WORD.finditer(text.lower()):
        word = match.group(0).strip("-_")
        if word and word not in DANISH_STOP_WORDS and word not in found:
            found.append(word)
    return found[:MAX_TERMS]


def _r1(word):
    """Where Snowball's region R1 starts: after the first consonant that
    follows a vowel, and at least three letters in."""
    for index in range(1, len(word)):
        if word[index] not in _VOWELS and word[index - 1] in _VOWELS:
            return max(index + 1, 3)
    return len(word)


def _undo_consonant_pair(word, r1):
    if len(word) - 2 >= r1 and word[-2:] in ("gd", "dt", "gt", "kt"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=200_000)
def stem(word):
    """The Snowball Danish stem of a lower-case word: "ledere", "lederne"
    and "leder" all give "led", "produktionen" gives "produktion"."""
    if len(word) < 3:
        return word
    r1 = _r1(word)
    for suffix in _MAIN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and word[-2] in _S_ENDING:
            word = word[:-1]
    word = _undo_consonant_pair(word, r1)
    if word.endswith("igst"):
        word = word[:-2]
    for suffix in _OTHER_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = _undo_consonant_pair(word[: -len(suffix)], r1)
            break
    else:
        if word.endswith("løst") and len(word) - 4 >= r1:
            word = word[:-1]
    if len(word) - 1 >= r1 and word[-1] in _CONSONANTS and word[-1] == word[-2]:
        word = word[:-1]
    return word


def analyse(text):
    """The stems of text's words, stop words left out, in order: what the
    database backend stores and searches for."""
    return [
        stem(token)
        for token in _TOKEN.findall((text or "").lower())
        if token not in DANISH_STOP_WORDS
    ]


def query_stems(terms):
    """The distinct stems of query terms, each with whether it also matches
    as a prefix: [("led", False), ("produktion", True)]."""
    found = {}
    for term in terms:
        for value in analyse(term):
            found.setdefault(value, len(value) >= PREFIX_MIN_LENGTH)
    return list(found.items())


def expand_synonyms(query, groups):
    """The query plus one variant per matching synonym, with the synonym put
    in place of the matched term: "AI i produktion" with the group
    (ai, kunstig intelligens) also gives "kunstig intelligens i produktion"."""
    lowered = f" {' '.join(query.lower().split())} "
    variants = [query]
    for group in groups:
        for term in group:
            pattern = f" {term} "
            if pattern in lowered:
                for other in group:
                    if other != term:
                        variant = lowered.replace(pattern, f" {other} ").strip()
                        if variant not in variants:
                            variants.append(variant)
                break
    return variants[:8]


def _marks(text, stems):
    """(start, end) of every word in text that a query stem matches."""
    exact = {value for value, _prefix in stems}
    prefixes = tuple(value for value, prefix in stems if prefix)
    spans = []
    for match in _TOKEN.finditer(text):
        token = match.group(0).lower()
        if token in DANISH_STOP_WORDS:
            continue
        value = stem(token)
        if value in exact or (prefixes and value.startswith(prefixes)):
            spans.append(match.span())
    return spans


def highlight(text, terms, limit=None):
    """text with every whole word the query matches wrapped in <mark> (the
    words whose stem is a query term's stem, or starts with a long one),
    everything else HTML-escaped. With limit, a snippet of about that many
    characters around the first match."""
    text = text or ""
    stems = query_stems(terms)
    spans = _marks(text, stems) if stems else []
    if limit and len(text) > limit:
        first = spans[0][0] if spans else 0
        start = max(0, first - limit // 3)
        end = start + limit
        snippet = text[start:end]
        spans = [
            (left - start, right - start)
            for left, right in spans
            if left >= start and right <= end
        ]
        prefix = "…" if start else ""
        suffix = "…" if end < len(text) else ""
    else:
        snippet, prefix, suffix = text, "", ""
    parts = [prefix]
    position = 0
    for left, right in spans:
        parts.append(escape(snippet[position:left]))
        parts.append(f"<mark>{escape(snippet[left:right])}</mark>")
        position = right
    parts.append(escape(snippet[position:]))
    parts.append(suffix)
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped


_TAG = re.compile(r"<[^>]*>")


def html_to_text(html):
    """Plain text of a rich-text fragment. A regular expression rather than
    an HTML parser: this runs for every block of every page in a rebuild,
    and the text only feeds the index (it is never shown unescaped)."""
    return re.sub(r"\s+", " ", unescape(_TAG.sub(" ", html))).strip()


def stream_text(raw_data):
    """All human-readable text in a StreamField's raw data, without rendering
    templates: rich text is stripped of tags, links and ids are skipped."""
    out = []

    def walk(value):
        if isinstance(value, str):
            if value.startswith(("http://", "https://")) or _looks_like_id(value):
                return
            out.append(html_to_text(value) if "<" in value else value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "id"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for block in raw_data or []:
        walk(block.get("value") if isinstance(block, dict) else block)
    return " ".join(part for part in out if part)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _looks_like_id(value):
    return bool(_UUID.match(value))
