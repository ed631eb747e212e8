"""Text helpers shared by both backends: cleaning user input, Danish stop
words and a light stemmer for the database backend, synonym expansion and
HTML-safe highlighting."""

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

# Longest first; a suffix is only removed when at least four letters remain.
_SUFFIXES = (
    "erendes",
    "erende",
    "hedens",
    "hedernes",
    "ernes",
    "erens",
    "heden",
    "ender",
    "ende",
    "erne",
    "ene",
    "ens",
    "ers",
    "hed",
    "er",
    "en",
    "et",
    "es",
    "e",
    "s",
)
_WORD = re.compile(r"[\w\-]+", re.UNICODE)


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


def stem(word):
    """A light Danish stemmer: enough to let "ledelsen" find "ledelse" and
    "værktøjer" find "værktøj" when combined with substring matching."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


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


def highlight(text, terms, limit=None):
    """text with every occurrence of a term (or a term's stem as a word start)
    wrapped in <mark>, everything else HTML-escaped. With limit, a snippet of
    about that many characters around the first match."""
    text = text or ""
    stems = sorted({stem(t) for t in terms if len(t) > 1}, key=len, reverse=True)
    if not stems:
        snippet = text[:limit] + ("…" if limit and len(text) > limit else "")
        return mark_safe(escape(snippet))  # noqa: S308 - escaped above
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE
    )
    if limit and len(text) > limit:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - limit // 3)
        end = start + limit
        text = (
            ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        )
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
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
