"""Visitor actions on a tool: the "Var dette værktøj nyttigt?" answer,
counted downloads, Min værktøjskasse and the comparison. Each asks
core.access (through ToolPage.objects.visible_to) before anything else."""

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from wagtail.documents import get_document_model

from core.access import can_view, refuse
from core.ratelimit import client_key, hit_rate_limit
from toolbox import saved
from toolbox.compare import (
    MAX_COMPARED,
    MIN_COMPARED,
    CompareInputError,
    comparison_rows,
    parse_ids,
    tools_to_compare,
)
from toolbox.downloads import tools_using_document
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


@require_safe
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


# Min værktøjskasse


def _private(response):
    # The list and the comparison depend on who is asking.
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _back(request, default):
    """Where a save or remove form sends the visitor back to: its `next`
    field when that is a path on this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
def save(request, tool_id):
    tool = _visible_tool(request, tool_id)
    try:
        saved.save_tool(request, tool)
    except saved.SaveLimitReached as error:
        return _private(
            TemplateResponse(
                request,
                "toolbox/saved_message.html",
                {"message": str(error)},
                status=400,
            )
        )
    messages.success(
        request, _("Værktøjet er gemt i din værktøjskasse."), extra_tags="saved"
    )
    return redirect(_back(request, tool.get_url(request)))


@require_POST
def remove(request, tool_id):
    # No access check: taking a tool off one's own list reveals nothing.
    saved.remove_tool(request, tool_id)
    return redirect(_back(request, reverse("saved:list")))


@require_safe
def saved_list(request):
    tools = saved.visible_saved_tools(request)
    token = saved.share_token(tools)
    share_url = (
        request.build_absolute_uri(reverse("saved:shared", args=[token]))
        if token
        else ""
    )
    context = {
        "tools": tools,
        "share_url": share_url,
        "has_partner_tools": any(tool.partners_only for tool in tools),
        "max_saved": saved.MAX_SAVED,
        "min_compared": MIN_COMPARED,
        "max_compared": MAX_COMPARED,
    }
    return _private(TemplateResponse(request, "toolbox/saved_tools.html", context))


@require_safe
def saved_print(request):
    tools = saved.tools_for_print(saved.visible_saved_tools(request))
    context = {"tools": tools, "back_url": reverse("saved:list")}
    return _private(TemplateResponse(request, "toolbox/saved_print.html", context))


@require_safe
def shared_list(request, token):
    try:
        tools = saved.shared_tools(token)
    except saved.BadShareLink:
        return _private(
            TemplateResponse(
                request,
                "toolbox/saved_message.html",
                {
                    "message": _(
                        "Linket til listen er ugyldigt. Bed den, der delte det, "
                        "om at sende det igen."
                    )
                },
                status=400,
            )
        )
    if "udskriv" in request.GET:
        context = {"tools": saved.tools_for_print(tools), "back_url": request.path}
        return _private(TemplateResponse(request, "toolbox/saved_print.html", context))
    return _private(
        TemplateResponse(request, "toolbox/shared_tools.html", {"tools": tools})
    )


# Sammenlign


@require_safe
def compare(request):
    try:
        ids = parse_ids(request.GET.getlist("id"))
        tools = tools_to_compare(ids, request.user)
    except CompareInputError as error:
        context = {"error": str(error), "tools": [], "rows": []}
        return _private(
            TemplateResponse(request, "toolbox/compare.html", context, status=400)
        )
    context = {
        "error": "",
        "tools": tools,
        "rows": comparison_rows(tools),
    }
    return _private(TemplateResponse(request, "toolbox/compare.html", context))
