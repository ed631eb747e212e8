"""Index management: create, rebuild with an alias swap, status, drift
repair, and the per-page updates that live sync runs."""

import logging
import time
from dataclasses import dataclass, field

from django.utils import timezone

from elasticsearch import BadRequestError, NotFoundError, helpers

from cases.models import CasePage
from core.fragments import content_changed
from search.backends.elastic import ElasticsearchBackend
from search.client import admin_client, alias_name
from search.documents import (
    MAPPING_VERSION,
    PROFILE_DICTIONARIES,
    PROFILE_MODULES,
    build_index,
    doc_id,
    iter_documents,
    live_count,
    parse_doc_id,
    profile_name,
)
from search.models import synonym_groups
from search.types import CASE, KINDS, TOOL, SearchRequest
from toolbox.models import ToolPage

logger = logging.getLogger("search")


class SearchClusterError(Exception):
    """The cluster cannot hold the index as configured."""


def check_cluster(client, profile):
    """One clear error when a node lacks a module or the hunspell dictionary
    the profile needs."""
    needed = PROFILE_MODULES[profile]
    if needed:
        _check_modules(client, profile, needed)
    dictionary = PROFILE_DICTIONARIES.get(profile)
    if dictionary:
        _check_dictionary(client, profile, dictionary)


def _check_modules(client, profile, needed):
    info = client.nodes.info(metric="plugins")
    for node_id, node in info["nodes"].items():
        present = {m["name"] for m in node.get("modules", [])} | {
            p["name"] for p in node.get("plugins", [])
        }
        missing = needed - present
        if missing:
            raise SearchClusterError(
                f"Elasticsearch-noden {node.get('name', node_id)} mangler "
                f"{', '.join(sorted(missing))}, som analyseprofilen "
                f"'{profile}' kræver (dansk stemming, synonymer, "
                f"skandinavisk normalisering). Brug en almindelig "
                f"Elasticsearch-distribution, eller sæt "
                f"SEARCH_ANALYSIS_PROFILE=hunspell (med den danske ordbog) "
                f"eller SEARCH_ANALYSIS_PROFILE=core."
            )


def _check_dictionary(client, profile, locale):
    """Builds the profile's hunspell filter once: the node that answers loads
    the dictionary from its config folder on first use (no restart needed),
    or refuses with a 400. Every node needs the same files."""
    try:
        client.indices.analyze(
            tokenizer="standard",
            filter=[{"type": "hunspell", "locale": locale}],
            text="værktøjer",
        )
    except BadRequestError as error:
        raise SearchClusterError(
            f"Elasticsearch kan ikke indlæse den danske ordbog {locale}, som "
            f"analyseprofilen '{profile}' kræver. Læg {locale}.aff og "
            f"{locale}.dic (fra Debians pakke hunspell-da) i "
            f"config/hunspell/{locale}/ på hver node, eller sæt "
            f"SEARCH_ANALYSIS_PROFILE=core."
        ) from error


def current_synonyms():
    return synonym_groups()


def create_index(client=None, *, building=False):
    """A new versioned index; checks the cluster first so a profile the
    cluster cannot serve never leaves a half-built index behind."""
    client = client or admin_client()
    profile = profile_name()
    check_cluster(client, profile)
    name = f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"
    build_index(name, profile, current_synonyms(), building=building).create(
        using=client
    )
    if not building:
        set_replicas(client, name)
    return name


def replica_count(client):
    """One replica as soon as the cluster has a second data node, so losing
    a node loses neither documents nor searches; none on a single node,
    where a replica could never be placed and would keep the index yellow."""
    health = client.cluster.health(filter_path="number_of_data_nodes")
    return 1 if health["number_of_data_nodes"] > 1 else 0


def set_replicas(client, index):
    """Gives the index the replicas the cluster can hold now. Returns the
    count when it changed, else None."""
    wanted = replica_count(client)
    current = client.indices.get_settings(index=index, name="index.number_of_replicas")
    have = int(next(iter(current.values()))["settings"]["index"]["number_of_replicas"])
    if have == wanted:
        return None
    client.indices.put_settings(
        index=index, settings={"index": {"number_of_replicas": wanted}}
    )
    return wanted


def alias_targets(client=None):
    client = client or admin_client()
    try:
        return sorted(client.indices.get_alias(name=alias_name()).keys())
    except NotFoundError:
        return []


def index_version(client):
    """The mapping version (documents.MAPPING_VERSION) of the index behind
    the alias; None for one built before versions were recorded."""
    for body in client.indices.get_mapping(index=alias_name()).values():
        return (body["mappings"].get("_meta") or {}).get("version")
    return None


def ensure(stdout=None):
    """Creates and fills the index behind the alias when there is none, and
    rebuilds it (zero downtime) when its mapping is of another version."""
    client = admin_client()
    if alias_targets(client) and index_version(client) == MAPPING_VERSION:
        # A cluster that grew (or shrank) since the index was built.
        for index in alias_targets(client):
            set_replicas(client, index)
        return False
    rebuild(progress=False, stdout=stdout)
    return True


@dataclass
class RebuildStats:
    index: str = ""
    documents: int = 0
    seconds: float = 0.0
    caught_up: int = 0
    removed: list = field(default_factory=list)

    @property
    def docs_per_second(self):
        return self.documents / self.seconds if self.seconds else 0.0


def _actions(index, kinds, progress, sent):
    for kind in kinds:
        for _id, document in iter_documents(kind):
            sent[0] += 1
            yield {"_index": index, "_id": _id, "_source": document}
            if progress is not None:
                progress.update(1)


def _bulk_pipelined(client, actions, chunk_size, in_flight=2):
    """Streams actions to the bulk API in chunks. Chunks are built here, in
    the calling thread (which owns the database connection and any open
    transaction); up to `in_flight` bulk requests are sent from worker
    threads meanwhile, so building and indexing overlap. Memory stays
    bounded by the chunks in flight. Returns the number of failed items."""
    from concurrent.futures import ThreadPoolExecutor

    def send(chunk):
        _ok, errors = helpers.bulk(
            client, chunk, raise_on_error=False, max_retries=2, stats_only=True
        )
        return errors

    failed = 0
    pending = []
    chunk = []
    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        for action in actions:
            chunk.append(action)
            if len(chunk) >= chunk_size:
                pending.append(pool.submit(send, chunk))
                chunk = []
                while len(pending) > in_flight:
                    failed += pending.pop(0).result()
        if chunk:
            pending.append(pool.submit(send, chunk))
        for future in pending:
            failed += future.result()
    return failed


WARM_QUERIES = 5


def warm(client, index):
    """Merges a freshly loaded index and searches it as visitors will, before
    the alias moves to it. Cold, the first searches on a 50 000-document
    index took 0.5-0.8 s on a quiet machine and more than the search timeout
    on a busy one, which sent the workers to the database fallback."""
    client.options(request_timeout=600).indices.forcemerge(
        index=index, max_num_segments=1
    )
    backend = ElasticsearchBackend(client, index=index)
    synonyms = synonym_groups()
    for query in ["", *popular_queries(WARM_QUERIES)]:
        backend.search(SearchRequest(query=query), None, synonyms)


def popular_queries(limit):
    """The site's most searched queries, from Wagtail's query log."""
    from wagtail.contrib.search_promotions.models import Query

    return list(Query.get_most_popular().values_list("query_string", flat=True)[:limit])


def rebuild(progress=True, stdout=None, chunk_size=500):
    """Builds a new index from the database by streaming bulk requests,
    checks its count, swaps the alias atomically, catches up on what was
    published meanwhile and deletes the old index."""
    client = admin_client()
    started = timezone.now()
    clock = time.monotonic()
    expected = sum(live_count(kind) for kind in KINDS)
    name = create_index(client, building=True)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=expected, unit="dok", file=stdout, mininterval=0.5)
    sent = [0]
    try:
        failed = _bulk_pipelined(client, _actions(name, KINDS, bar, sent), chunk_size)
        # Replicas are copied once, after the bulk load, not written twice
        # during it.
        client.indices.put_settings(
            index=name, settings={"index": {"refresh_interval": "1s"}}
        )
        if set_replicas(client, name):
            client.cluster.health(index=name, wait_for_status="green", timeout="60s")
        client.indices.refresh(index=name)
        built = client.count(index=name)["count"]
        if failed or built != sent[0]:
            raise SearchClusterError(
                f"Det nye indeks {name} har {built} dokumenter, men {sent[0]} "
                f"blev sendt ({failed} fejl). Aliaset er ikke flyttet."
            )
        warm(client, name)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    finally:
        if bar is not None:
            bar.close()
    old = alias_targets(client)
    actions = [{"remove": {"index": index, "alias": alias_name()}} for index in old]
    actions.append({"add": {"index": name, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    caught_up = catch_up(client, since=started)
    content_changed()
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    stats = RebuildStats(name, built, time.monotonic() - clock, caught_up, old)
    logger.info(
        "search index rebuilt: %s, %d documents in %.1f s (%.0f/s), caught up %d",
        name,
        built,
        stats.seconds,
        stats.docs_per_second,
        caught_up,
    )
    return stats


def catch_up(client, since):
    """Re-syncs what changed while a build ran: pages published since, and
    any difference between the database and the index."""
    keys = [
        doc_id(TOOL, pk)
        for pk in ToolPage.objects.filter(last_published_at__gte=since).values_list(
            "pk", flat=True
        )
    ] + [
        doc_id(CASE, pk)
        for pk in CasePage.objects.filter(last_published_at__gte=since).values_list(
            "pk", flat=True
        )
    ]
    keys += [difference.key for difference in differences(client)]
    if keys:
        update_documents(sorted(set(keys)), client=client)
    return len(set(keys))


@dataclass(frozen=True)
class Difference:
    """One document where the index and the database disagree."""

    key: str
    problem: str

    def __str__(self):
        return f"{self.key}: {self.problem}"


MISSING = "mangler i indekset"
EXTRA = "i indekset, men ikke synlig i databasen"
WRONG_ACCESS = "forkert adgangsniveau"
STALE = "forældet (ændret siden indeksering)"


def indexed_state(client):
    """{key: (access, updated)} for every document behind the alias."""
    return {
        hit["_id"]: (
            (hit.get("_source") or {}).get("access"),
            (hit.get("_source") or {}).get("updated"),
        )
        for hit in helpers.scan(
            client,
            index=alias_name(),
            query={"_source": ["access", "updated"]},
            size=2000,
        )
    }


def database_state():
    """{key: (access, updated)} for every page the index should hold."""
    state = {
        doc_id(TOOL, pk): (access, _iso(when))
        for pk, access, when in ToolPage.objects.listable().values_list(
            "pk", "access", "last_published_at"
        )
    }
    state.update(
        {
            doc_id(CASE, pk): (CasePage.access, _iso(when))
            for pk, when in CasePage.objects.listable().values_list(
                "pk", "last_published_at"
            )
        }
    )
    return state


def _iso(value):
    return value.isoformat() if value else None


def differences(client=None):
    """Every document that is missing, should not be there, has the wrong
    access level or is older than its page, in key order."""
    client = client or admin_client()
    indexed = indexed_state(client)
    expected = database_state()
    found = []
    for key in sorted(indexed.keys() | expected.keys()):
        if key not in indexed:
            found.append(Difference(key, MISSING))
        elif key not in expected:
            found.append(Difference(key, EXTRA))
        elif indexed[key][0] != expected[key][0]:
            found.append(Difference(key, WRONG_ACCESS))
        elif indexed[key][1] != expected[key][1]:
            found.append(Difference(key, STALE))
    return found


def drift(client):
    """Keys that are in the database but not in the index, or the reverse."""
    return [
        difference.key
        for difference in differences(client)
        if difference.problem in (MISSING, EXTRA)
    ]


def status():
    client = admin_client()
    targets = alias_targets(client)
    result = {"alias": alias_name(), "indices": targets, "kinds": {}, "drift": []}
    if not targets:
        return result
    for kind in KINDS:
        indexed = client.count(index=alias_name(), query={"term": {"kind": kind}})
        result["kinds"][kind] = {
            "index": indexed["count"],
            "database": live_count(kind),
        }
    result["drift"] = drift(client)
    return result


def sync():
    """Reconciles the index with the database: rewrites every document
    that differs (see `differences`). Returns the keys it rewrote."""
    client = admin_client()
    keys = [difference.key for difference in differences(client)]
    update_documents(keys, client=client)
    return keys


def update_documents(keys, client=None):
    """Re-reads each page and indexes it, or deletes its document when the
    page is gone, not live or not of an indexed kind. Idempotent."""
    client = client or admin_client()
    by_kind = {TOOL: [], CASE: []}
    for key in keys:
        kind, page_id = parse_doc_id(key)
        if kind in by_kind:
            by_kind[kind].append(page_id)
    actions = []
    for kind, ids in by_kind.items():
        if not ids:
            continue
        found = set()
        for _id, document in iter_documents(kind, ids=ids):
            found.add(_id)
            actions.append({"_index": alias_name(), "_id": _id, "_source": document})
        actions.extend(
            {"_op_type": "delete", "_index": alias_name(), "_id": doc_id(kind, pk)}
            for pk in ids
            if doc_id(kind, pk) not in found
        )
    if not actions:
        return 0
    # require_alias: with no index behind the alias yet, fail (and be
    # logged) rather than let the server auto-create an unmapped index
    # under the alias's name.
    # wait_for: the change is searchable when this returns, so the new
    # content generation below never caches an answer that misses it.
    ok, errors = helpers.bulk(
        client,
        actions,
        raise_on_error=False,
        require_alias=True,
        refresh="wait_for",
    )
    real_errors = [
        error for error in errors if error.get("delete", {}).get("status") != 404
    ]
    if real_errors:
        raise SearchClusterError(f"{len(real_errors)} dokumenter kunne ikke opdateres")
    # Pages and searches cached since the publish were answered by the index
    # as it was before it took the change.
    content_changed()
    return ok


def refresh():
    """Makes recent writes searchable now. For tests and commands only."""
    admin_client().indices.refresh(index=alias_name())


def delete_all():
    """Deletes every index behind this prefix's alias (tests, clean-up).
    Names are listed first: the server refuses wildcard deletes."""
    client = admin_client()
    names = list(client.indices.get(index=f"{alias_name()}-*", ignore_unavailable=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
