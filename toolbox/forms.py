"""The public "Foreslå et værktøj" form (toolbox.suggest_views)."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.honeypot import filled_honeypot, honeypot_field
from core.mailing import validate_mail_domain
from core.models.taxonomy import Sector
from core.uploads import DOCUMENT_TOO_LARGE, check_document_content
from toolbox.models import ToolPage

DEFAULT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WRONG_TYPE = _(
    "Filtypen .%(extension)s kan ikke sendes. Send en af disse: %(allowed)s."
)
LINK_OR_FILE = _("Angiv et link til værktøjet, vedhæft en fil, eller begge dele.")


def max_upload_size():
    return getattr(settings, "TOOL_SUGGESTION_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def allowed_extensions():
    return list(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or [])


def file_help_text():
    return _("Højst %(size)s. Filtyper: %(types)s.") % {
        "size": filesizeformat(max_upload_size()),
        "types": ", ".join(allowed_extensions()),
    }


class SuggestionFileField(forms.FileField):
    """An upload checked like the admin's documents (core.uploads): an
    allowed extension, content that matches it, and a size limit, all read
    from the settings when the form is used."""

    default_error_messages = {
        "empty": _("Filen er tom."),
        "invalid": _("Filen kunne ikke læses. Prøv igen."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", lazy(file_help_text, str)())
        super().__init__(**kwargs)

    def to_python(self, data):
        file = super().to_python(data)
        if file is None:
            return None
        limit = max_upload_size()
        if file.size > limit:
            raise ValidationError(
                DOCUMENT_TOO_LARGE,
                code="file_too_large",
                params={
                    "file_size": filesizeformat(file.size),
                    "max_filesize": filesizeformat(limit),
                },
            )
        extension = Path(file.name).suffix.lower().lstrip(".")
        allowed = allowed_extensions()
        if allowed and extension not in allowed:
            raise ValidationError(
                WRONG_TYPE,
                code="invalid_extension",
                params={"extension": extension or "?", "allowed": ", ".join(allowed)},
            )
        check_document_content(file)
        return file


class ToolSuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Værktøjets navn"),
        max_length=200,
        error_messages={"required": _("Skriv værktøjets navn.")},
    )
    link = forms.URLField(
        label=_("Link til værktøjet"),
        # The link becomes the draft's external_url: no longer than it holds.
        max_length=ToolPage._meta.get_field("external_url").max_length,
        required=False,
        assume_scheme="https",
        help_text=_("Fx https://eksempel.dk/vaerktoej"),
        error_messages={"invalid": _("Skriv et gyldigt link, fx https://eksempel.dk.")},
    )
    file = SuggestionFileField(label=_("Eller vedhæft en fil"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sektor"),
        queryset=Sector.objects.all(),
        empty_label=_("Vælg en sektor"),
        error_messages={
            "required": _("Vælg den sektor, værktøjet er brugt i."),
            "invalid_choice": _("Vælg en sektor fra listen."),
        },
    )
    reason = forms.CharField(
        label=_("Hvorfor hjalp værktøjet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Fortæl kort, hvordan I brugte det, og hvad det gav."),
        error_messages={"required": _("Fortæl kort, hvorfor værktøjet hjalp.")},
    )
    name = forms.CharField(
        label=_("Dit navn"),
        max_length=120,
        error_messages={"required": _("Skriv dit navn.")},
    )
    email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=254,
        validators=[validate_mail_domain],
        help_text=_("Vi bruger den kun til at svare dig om forslaget."),
        error_messages={
            "required": _("Skriv din e-mail."),
            "invalid": _("Skriv en gyldig e-mail, fx navn@firma.dk."),
        },
    )
    fax = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def _single_line(self, name):
        # A title or name travels into a mail subject and the admin: line
        # breaks and runs of spaces are collapsed to one space.
        return " ".join(self.cleaned_data[name].split())

    def clean_title(self):
        return self._single_line("title")

    def clean_name(self):
        return self._single_line("name")

    @property
    def is_spam(self):
        return filled_honeypot(self.data)

    def clean(self):
        cleaned = super().clean()
        has_link = bool(cleaned.get("link"))
        has_file = cleaned.get("file") is not None
        # A file refused above already has its own error; no second one.
        if not has_link and not has_file and "file" not in self.errors:
            raise ValidationError(LINK_OR_FILE, code="link_or_file")
        return cleaned
