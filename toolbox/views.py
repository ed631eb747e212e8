"""Visitor actions on a tool: the "Var dette værktøj nyttigt?" answer and
counted downloads. Both ask portal.access before anything else."""

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wagtail.documents import get_document_model

from portal.access import can_view, refuse
from portal.ratelimit import client_key, hit_rate_limit
from toolbox.documents import tools_using_document
from toolbox.engagement import (
    FEEDBACK_LIMIT,
    FEEDBACK_WINDOW,
    TOOL_PARAM,
    record_feedback,
)
from toolbox.models import ToolPage

FEEDBACK_ANCHOR = "#nyttig"


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("Var dette værktøj nyttigt?"),
        choices=[("ja", gettext_lazy("Ja")), ("nej", gettext_lazy("Nej"))],
        coerce=lambda value: value == "ja",
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar (valgfri)"),
        max_length=1000,
        required=False,
    )


def _visible_tool(request, tool_id):
    """The live tool, or 404 for anyone who may not see it."""
    tool = get_object_or_404(ToolPage.objects.listable(), pk=tool_id)
    if not can_view(request.user, tool):
        raise Http404
    return tool


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, tool, message, status):
    if _wants_json(request):
        return JsonResponse({"message": message}, status=status)
    return TemplateResponse(
        request,
        "toolbox/feedback_response.html",
        {"tool": tool, "message": message, "tool_url": tool.get_url(request)},
        status=status,
    )


@require_POST
def feedback(request, tool_id):
    tool = _visible_tool(request, tool_id)
    key = client_key(request)
    if hit_rate_limit("feedback", f"{key}:{tool.pk}", FEEDBACK_LIMIT, FEEDBACK_WINDOW):
        return _answer(
            request,
            tool,
            _(
                "Du har allerede givet flere tilbagemeldinger på dette værktøj. "
                "Prøv igen om en times tid."
            ),
            429,
        )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        problems = " ".join(
            str(error) for errors in form.errors.values() for error in errors
        )
        return _answer(
            request,
            tool,
            _("Tilbagemeldingen kunne ikke gemmes: %(problems)s")
            % {"problems": problems},
            400,
        )
    record_feedback(
        tool, form.cleaned_data["helpful"], form.cleaned_data["comment"], key
    )
    thanks = _("Tak for din tilbagemelding!")
    if _wants_json(request):
        return JsonResponse({"message": thanks}, status=201)
    messages.success(request, thanks, extra_tags="feedback")
    return redirect(tool.get_url(request) + FEEDBACK_ANCHOR)


@require_GET
def download(request, tool_id, document_id):
    """The download link of a tool's file: checks access to the tool, then
    sends the visitor on to the document, naming the tool so the download is
    counted for it (portal's before_serve_document hook counts it, and
    checks access to the document once more)."""
    tool = get_object_or_404(ToolPage.objects.listable(), pk=tool_id)
    if not can_view(request.user, tool):
        return refuse(request)
    document = get_object_or_404(get_document_model(), pk=document_id)
    if tool.pk not in tools_using_document(document):
        raise Http404
    return redirect(f"{document.url}?{TOOL_PARAM}={tool.pk}")
