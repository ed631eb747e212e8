#!/bin/sh
# Start-up step: migrate, then make sure the search index exists, then serve.
set -e
python manage.py migrate --no-input
# Links built outside a request use the public address, and so does the Site.
python manage.py set_site_address
# The database search (and fallback) reads its own text table: fill it once.
python manage.py search_text verify >/dev/null 2>&1 || python manage.py search_text rebuild
if [ -n "$ELASTICSEARCH_URL" ]; then
    python manage.py search_index ensure
fi
exec "$@"
