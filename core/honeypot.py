"""The hidden field on the public forms (Bliv partner, suggest a tool,
alerts): people never see it, bots that fill every field do. A filled
honeypot gets the normal receipt, and nothing is saved or sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "fax"


def honeypot_field():
    return forms.CharField(
        label=_("Lad være tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def filled_honeypot(data):
    return bool(data.get(HONEYPOT_FIELD))
