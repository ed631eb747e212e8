"""/foreslaa-et-vaerktoej/: anyone may suggest a tool for the catalogue.

The view only guards and answers; toolbox.suggestions files the draft."""

import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.honeypot import HONEYPOT_FIELD
from core.ratelimit import client_key, hit_rate_limit
from toolbox.forms import ToolSuggestionForm
from toolbox.suggestions import (
    SUBMISSION_LIMIT,
    SUBMISSION_WINDOW,
    SuggestionsClosed,
    create_suggestion,
)

logger = logging.getLogger(__name__)

FORM_TEMPLATE = "toolbox/suggest/suggest_form.html"
THANKS_TEMPLATE = "toolbox/suggest/suggest_thanks.html"


def _form_page(request, form, status=200, **extra):
    # A browser cannot refill a file input: say so, so the visitor knows to
    # choose the file again while everything typed is still in the form.
    file_lost = form.is_bound and bool(request.FILES) and bool(form.errors)
    context = {"form": form, "file_lost": file_lost, **extra}
    return TemplateResponse(request, FORM_TEMPLATE, context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def suggest_tool(request):
    if request.method != "POST":
        return _form_page(request, ToolSuggestionForm())
    if hit_rate_limit(
        "tool-suggestion", client_key(request), SUBMISSION_LIMIT, SUBMISSION_WINDOW
    ):
        # Not validated (nor its file read): the typed values come back as
        # they were, with the reason it was not sent.
        typed = {
            name: value
            for name, value in request.POST.items()
            if name in ToolSuggestionForm.base_fields and name != HONEYPOT_FIELD
        }
        form = ToolSuggestionForm(initial=typed)
        return _form_page(
            request, form, status=429, rate_limited=True, file_lost=bool(request.FILES)
        )
    form = ToolSuggestionForm(request.POST, request.FILES)
    if form.is_spam:
        logger.info("Tool suggestion: honeypot filled; nothing stored or sent")
        return redirect("toolbox_suggest:thanks")
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    try:
        create_suggestion(
            title=data["title"],
            link=data["link"],
            upload=data["file"],
            sector=data["sector"],
            reason=data["reason"],
            name=data["name"],
            email=data["email"],
        )
    except SuggestionsClosed:
        form.add_error(
            None,
            _("Forslag kan ikke modtages lige nu. Prøv igen senere."),
        )
        return _form_page(request, form, status=503)
    return redirect("toolbox_suggest:thanks")


@require_http_methods(["GET", "HEAD"])
def thanks(request):
    return TemplateResponse(request, THANKS_TEMPLATE, {})
