# syntax=docker/dockerfile:1
# The search service: the official Elasticsearch image plus the Danish
# hunspell dictionary, so SEARCH_ANALYSIS_PROFILE=hunspell works as well as
# the default `full`. The dictionary comes from Debian's hunspell-da package;
# only its two files are copied into the node's config/hunspell/da_DK/.
FROM debian:bookworm-slim AS dictionary
RUN apt-get update \
    && apt-get install -y --no-install-recommends hunspell-da \
    && rm -rf /var/lib/apt/lists/*

FROM docker.elastic.co/elasticsearch/elasticsearch:8.19.9
COPY --from=dictionary --chown=1000:0 \
    /usr/share/hunspell/da_DK.aff /usr/share/hunspell/da_DK.dic \
    /usr/share/elasticsearch/config/hunspell/da_DK/
