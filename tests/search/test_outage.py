"""An Elasticsearch outage on the production path: the real server is
stopped while editors work and started again with its data. Nothing that
was published meanwhile is lost, nothing hidden meanwhile is shown, and the
index catches up without anyone running `search_index sync`."""

import os
import subprocess
import uuid
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from core.choices import Access
from search import indexing
from search.models import PendingIndexUpdate
from search.service import autocomplete, reset_fallback, search
from search.tasks import watch
from tests.factories import make_case, make_tool
from tests.search.conftest import clear_search_caches, es_settings

pytestmark = pytest.mark.elasticsearch

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch"
PORT = 9250


class OwnServer:
    """A second Elasticsearch from the same distribution, on its own port
    and data directory, so stopping it never disturbs the rest of the run."""

    def __init__(self):
        self.env = {
            **os.environ,
            "ES_PORT": str(PORT),
            "ES_RUN_DIR": f"/tmp/vaerktoejskassen-es-outage-{uuid.uuid4().hex[:8]}",
            "ES_KEEP_DATA": "1",
        }
        self.url = f"http://127.0.0.1:{PORT}"

    def run(self, action):
        subprocess.run(
            [str(SCRIPT), action], env=self.env, check=True, capture_output=True
        )

    def remove(self):
        subprocess.run(
            [str(SCRIPT), "stop"],
            env={**self.env, "ES_KEEP_DATA": ""},
            capture_output=True,
        )


@pytest.fixture(scope="module")
def own_server(elasticsearch_url):
    server = OwnServer()
    try:
        server.run("start")
    except subprocess.CalledProcessError as error:
        server.remove()
        pytest.fail(f"a second Elasticsearch did not start: {error.stderr[-800:]}")
    yield server
    server.remove()


def anonymous_titles(client, query):
    page = client.get("/soeg/", {"q": query}).content.decode()
    listing = client.get("/vaerktoejer/", {"q": query}).content.decode()
    suggestions = [item["title"] for item in autocomplete(query, None)]
    return page, listing, suggestions


def test_changes_made_during_an_outage_reach_the_index_afterwards(
    own_server, db, client, django_capture_on_commit_callbacks
):
    clear_search_caches()
    renamed = make_tool(title="Kvalitetstavle for holdledere")
    secret = make_tool(title="Robotcelle tjekliste til nattevagten")
    withdrawn = make_tool(title="Gammel vejledning om lagerstyring")
    removed = make_tool(title="Forældet skabelon til vagtplaner")
    story = make_case(title="Bageriet lærte kunstig intelligens ved ovnen")
    overrides = es_settings(own_server.url)
    with overrides, override_settings(SEARCH_RETRY_BASE=0.5, SEARCH_RETRY_MAX=2):
        indexing.rebuild(progress=False)
        try:
            assert search("robotcelle", log=False).total == 1
            gone_urls = {withdrawn: withdrawn.url, removed: removed.url}
            assert (
                f'href="{removed.url}"'
                in client.get("/soeg/", {"q": removed.title}).content.decode()
            )

            own_server.run("stop")
            with django_capture_on_commit_callbacks(execute=True):
                renamed.title = "Kvalitetstavle for teamledere"
                renamed.save_revision().publish()
                secret.access = Access.PARTNERS
                secret.save_revision().publish()
                withdrawn.unpublish()
                removed.delete()
                fresh = make_tool(title="Ny guide til cobots ved pakkelinjen")
                story.unpublish()
            # Six changes, each kept with its retry time: none was dropped.
            assert PendingIndexUpdate.objects.count() == 6
            assert all(
                entry.attempts >= 1 for entry in PendingIndexUpdate.objects.all()
            )

            own_server.run("start")
            reset_fallback()

            # The index is stale now; what it holds is re-checked against the
            # database before anyone sees it.
            assert indexing.differences()
            with pytest.raises(CommandError, match="afviger"):
                call_command("search_index", "verify")
            page, listing, suggestions = anonymous_titles(client, "robotcelle")
            assert secret.title not in page
            assert secret.title not in listing
            assert secret.title not in suggestions
            for gone, url in gone_urls.items():
                assert gone.pk not in [
                    hit.page_id for hit in search(gone.title, log=False).hits
                ]
                page = client.get("/soeg/", {"q": gone.title}).content.decode()
                assert f'href="{url}"' not in page

            # The catch-up loop (`search_index watch`) empties the queue.
            watch(interval=0.2, reconcile_every=3600, stop_after=3)
            assert not PendingIndexUpdate.objects.exists()
            call_command("search_index", "verify")
            indexing.refresh()

            def found(query, user=None):
                return [hit.title for hit in search(query, user=user, log=False).hits]

            assert found("teamledere") == [renamed.title]
            assert found("holdledere") == []
            assert found("robotcelle") == []
            assert found("lagerstyring") == []
            assert found("vagtplaner") == []
            assert found("cobots") == [fresh.title]
            assert found("ovnen") == []
            assert search("robotcelle", log=False).backend == "elasticsearch"
        finally:
            indexing.delete_all()
            reset_fallback()
