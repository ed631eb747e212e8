from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from search.params import SearchInputError, check_query_length
from search.service import autocomplete
from search.types import KIND_LABELS
from search.ui import search_context


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
