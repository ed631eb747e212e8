from django import forms
from django.utils.translation import gettext_lazy as _

from core.honeypot import filled_honeypot, honeypot_field
from core.mailing import validate_mail_domain


class SearchAlertForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        max_length=254,
        validators=[validate_mail_domain],
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    fax = honeypot_field()

    def is_bot(self):
        return filled_honeypot(self.cleaned_data)
