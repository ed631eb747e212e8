"""What a search backend offers the service (search.service), declared once.

Both backends (elastic.ElasticsearchBackend, database.DatabaseBackend)
subclass SearchBackend, so a missing method or a misspelt capability is a
type error in scripts/test, not a fallback that silently never happens. The
service never branches on which backend it holds; it reads what the
protocol declares. Every answer holds only what `user` may see; the service
re-checks hits from the index against the database all the same."""

from typing import TYPE_CHECKING, ClassVar, Protocol, TypedDict

if TYPE_CHECKING:
    from core.access import Viewer
    from search.types import Hit, SearchRequest, SearchResults
    from toolbox.models import ToolPage

# The editors' synonym groups, each a list of equivalent terms
# (search.models.synonym_groups).
Synonyms = list[list[str]]


class Suggestion(TypedDict):
    """One autocomplete answer."""

    title: str
    url: str
    kind: str
    page_id: int


class SearchBackend(Protocol):
    # "elasticsearch" or "database": SearchResults.backend names who answered.
    name: ClassVar[str]
    # Whether a request with compounds=True finds more than the same request
    # without: the service then tries it before a spelling correction.
    matches_compounds_on_request: ClassVar[bool] = False

    def search(
        self, request: "SearchRequest", user: "Viewer", synonyms: Synonyms
    ) -> "SearchResults":
        """Total, facet counts and the requested page of hits."""
        ...

    def spelling(self, query: str, user: "Viewer") -> str:
        """A corrected query built from words user may see, or ""."""
        ...

    def autocomplete(self, prefix: str, user: "Viewer", limit: int) -> list[Suggestion]:
        """Titles that start with prefix (or have a word that does)."""
        ...

    def related_tools(
        self, tool: "ToolPage", user: "Viewer", limit: int
    ) -> list["Hit"]:
        """Tools like this one, best first, without the tool itself."""
        ...
