#!/bin/sh
# Start-up step: migrate, then make sure the search index exists, then serve.
set -e
python manage.py migrate --no-input
if [ -n "$ELASTICSEARCH_URL" ]; then
    python manage.py search_index ensure
fi
exec "$@"
