"""The editors' "Persondata" view in the admin: find everything tied to an
e-mail address, download it as JSON, or erase it (privacy.subject).

Only editors and superusers reach it (core.admin_scope.sees_all_content):
partner editors must not look up who wrote to the pact."""

import json
import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_scope import sees_all_content
from privacy.subject import erase, export, is_empty

logger = logging.getLogger(__name__)

TEMPLATE = "privacy/admin/personal_data.html"


class AddressForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mailadresse"), max_length=254)
    action = forms.ChoiceField(
        choices=[("find", "find"), ("export", "export"), ("erase", "erase")],
        required=False,
        widget=forms.HiddenInput,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, slet alt, der hører til adressen"), required=False
    )


def personal_data(request):
    if not sees_all_content(request.user):
        raise PermissionDenied
    form = AddressForm(request.POST or None)
    context = {"form": form, "found": None, "erased": None}
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        action = form.cleaned_data["action"] or "find"
        if action == "export":
            body = json.dumps(export(address), ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="persondata.json"'
            add_never_cache_headers(response)
            return response
        if action == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Sæt kryds for at bekræfte sletningen."))
            else:
                context["erased"] = erase(address)
                # Never the address: the log names who acted, not about whom.
                logger.info("personal data erased by user %s", request.user.pk)
        found = export(address)
        context["found"] = found
        context["nothing"] = is_empty(found)
    response = render(request, TEMPLATE, context)
    add_never_cache_headers(response)
    return response
