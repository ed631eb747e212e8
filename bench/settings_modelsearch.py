"""Settings for the peer in the benchmark: Wagtail's built-in search on the
modelsearch Elasticsearch 8 backend, on the same database and server.

The test server is the stripped integ-test distribution: it has no
analysis-common module (so no ngram, edge_ngram or asciifolding), which the
backend's default index settings need. bench.peer.StrippedElasticsearch8
keeps only analysis the bare server has; autocomplete is then not
partial-word, which the benchmark does not use."""

import os

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.peer"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "bench.peer",
        "URLS": [os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")],
        "INDEX_PREFIX": os.environ.get("PEER_INDEX_PREFIX", "bench-peer-"),
        "TIMEOUT": 60,
        "ATOMIC_REBUILD": True,
    }
}
