import logging

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import client_key, hit_rate_limit
from search import alerts
from search.forms import SearchAlertForm
from search.models import SearchAlert
from search.page_context import search_context
from search.params import SearchInputError, check_query_length
from search.service import autocomplete
from search.types import KIND_LABELS

logger = logging.getLogger("search.alerts")


@require_GET
def search_page(request):
    context, status = search_context(request)
    response = render(request, "search/search_page.html", context, status=status)
    # Results depend on who is logged in.
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True)
    return response


@require_GET
def suggest(request):
    """Autocomplete: {"suggestions": [{"title", "url", "kind", "kind_label"}]}."""
    prefix = request.GET.get("q", "") or ""
    try:
        check_query_length(prefix)
    except SearchInputError as error:
        return JsonResponse({"error": str(error)}, status=400)
    suggestions = [
        {**item, "kind_label": str(KIND_LABELS.get(item["kind"], ""))}
        for item in autocomplete(prefix, request.user)
    ]
    response = JsonResponse({"query": prefix, "suggestions": suggestions})
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True, max_age=60)
    return response


# Alerts ("Få besked om nye værktøjer"): see search/alerts.py.


def _alert_page(request, template, context, status=200):
    response = render(request, f"search/alerts/{template}", context, status=status)
    # The pages carry personal tokens or addresses: never stored by a cache.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def alert_subscribe(request):
    """The form for an alert of the search in the query string."""
    try:
        query_string = alerts.saved_search(request.GET)
    except SearchInputError as error:
        return _alert_page(request, "subscribe.html", {"search_error": error}, 400)
    except alerts.AlertSearchTooLong:
        message = _(
            "Søgningen har for mange filtre til en besked. Fjern nogle af dem, "
            "og prøv igen."
        )
        return _alert_page(request, "subscribe.html", {"search_error": message}, 400)
    form = SearchAlertForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "criteria": alerts.describe(query_string),
        "listing_url": alerts.listing_url(query_string, request),
        "query_string": query_string,
    }
    if request.method == "GET":
        return _alert_page(request, "subscribe.html", context)
    if hit_rate_limit(
        "search-alert",
        client_key(request),
        alerts.SUBSCRIBE_LIMIT,
        alerts.SUBSCRIBE_WINDOW,
    ):
        context["rate_limited"] = True
        return _alert_page(request, "subscribe.html", context, 429)
    if not form.is_valid():
        return _alert_page(request, "subscribe.html", context, 400)
    if form.is_bot():
        logger.info("search alert: honeypot filled; request dropped")
    elif not alerts.subscribe(form.cleaned_data["email"], query_string, request):
        context["send_failed"] = True
        return _alert_page(request, "subscribe.html", context, 503)
    return _alert_page(
        request,
        "receipt.html",
        {**context, "days": alerts.CONFIRM_WINDOW.days},
    )


@require_http_methods(["GET", "POST"])
def alert_confirm(request, token):
    """GET shows a button, POST confirms: a link scanner that opens the
    link does not confirm anything."""
    alert = alerts.confirmable(token)
    if alert is None:
        raise Http404
    context = {
        "criteria": alerts.describe(alert.query_string),
        "listing_url": alerts.listing_url(alert.query_string, request),
        "confirmed": alert.is_confirmed,
    }
    if request.method == "POST":
        alerts.confirm(alert)
        context["confirmed"] = True
        context["just_confirmed"] = True
    return _alert_page(request, "confirm.html", context)


# RFC 8058 one-click unsubscribe: the mail client POSTs
# "List-Unsubscribe=One-Click" with no CSRF token. The unguessable token in
# the URL is what authorises the request, so CSRF protection adds nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    """GET shows a button, POST deletes the alert."""
    alert = SearchAlert.objects.filter(unsubscribe_token=token).first()
    if alert is None:
        raise Http404
    context = {"criteria": alerts.describe(alert.query_string)}
    if request.method == "POST":
        alerts.unsubscribe(alert)
        context["unsubscribed"] = True
    return _alert_page(request, "unsubscribe.html", context)
