from django import forms
from django.utils.translation import gettext_lazy as _

# Hidden from people, filled in by bots: a filled honeypot gets the normal
# receipt and nothing is saved or sent.
HONEYPOT_FIELD = "fax"


class SearchAlertForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    fax = forms.CharField(
        label=_("Lad være tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))
