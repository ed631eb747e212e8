"""The check and the plan as Django forms: plain HTML radios and checkboxes,
so both work without JavaScript, and every value posted is checked against
the choices it could have come from."""

import datetime

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from competence.choices import RoleGroup
from core.choices import SizeBand
from core.models.taxonomy import Sector

ANSWER_REQUIRED = _("Vælg et svar på dette spørgsmål.")
INVALID_CHOICE = _("Vælg et af svarene på listen.")
STALE = _(
    "Spørgsmålene er blevet ændret, mens du svarede. Se dine svar igennem, og "
    "send dem igen."
)
MAX_ROLE_GROUPS = len(RoleGroup.choices)


def sectors_production_first():
    """The focus sectors (production) first, then the editors' order."""
    return Sector.objects.annotate(
        focus_first=Case(
            When(is_focus=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("focus_first", "sort_order", "name")


def question_field_name(question_id):
    return f"q{question_id}"


class CheckForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, max_length=40)
    sector = forms.ModelChoiceField(
        label=_("Hvilken sektor arbejder I i?"),
        queryset=Sector.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": ANSWER_REQUIRED, "invalid_choice": INVALID_CHOICE},
    )
    size_band = forms.ChoiceField(
        label=_("Hvor mange ansatte er I?"),
        choices=SizeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": ANSWER_REQUIRED, "invalid_choice": INVALID_CHOICE},
    )
    role_groups = forms.MultipleChoiceField(
        label=_("Hvilke grupper skal lære noget nyt om AI?"),
        help_text=_("Vælg alle, der passer."),
        choices=RoleGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Vælg mindst én gruppe."),
            "invalid_choice": INVALID_CHOICE,
        },
    )

    def __init__(self, questionnaire, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["sector"].queryset = sectors_production_first()
        self.fields["version"].initial = questionnaire.version
        for question in questionnaire.questions:
            self.fields[question_field_name(question.id)] = forms.ChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=[(answer.id, answer.text) for answer in question.answers],
                widget=forms.RadioSelect,
                error_messages={
                    "required": ANSWER_REQUIRED,
                    "invalid_choice": INVALID_CHOICE,
                },
            )

    def context_fields(self):
        return [self[name] for name in ("sector", "size_band", "role_groups")]

    def question_fields(self):
        return [
            self[question_field_name(question.id)]
            for question in self.questionnaire.questions
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") and cleaned["version"] != self.questionnaire.version:
            raise forms.ValidationError(STALE, code="stale")
        return cleaned

    def chosen(self):
        """{question id: answer id} of a valid form."""
        return {
            question.id: self.cleaned_data[question_field_name(question.id)]
            for question in self.questionnaire.questions
        }


MONTH_HELP = _("Skriv måneden som åååå-mm, fx 2027-03.")


def parse_month(value):
    """ "2027-03" (what <input type="month"> sends) as its first day."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return None


class PlanRowForm(forms.Form):
    """One candidate tool in the plan editor; `include` decides whether it
    is in the plan."""

    include = forms.BooleanField(label=_("Med i planen"), required=False)
    order = forms.IntegerField(
        label=_("Rækkefølge"), min_value=1, max_value=99, required=False
    )
    role_group = forms.ChoiceField(label=_("Hvem"), choices=RoleGroup.choices)
    month = forms.CharField(
        label=_("Hvornår (måned)"),
        max_length=7,
        help_text=MONTH_HELP,
        widget=forms.TextInput(attrs={"type": "month", "inputmode": "numeric"}),
    )
    duration = forms.CharField(label=_("Hvor længe"), max_length=80, required=False)
    on_the_job = forms.BooleanField(label=_("På jobbet"), required=False)

    def clean_month(self):
        month = parse_month(self.cleaned_data["month"])
        if month is None or not 2000 <= month.year <= 2100:
            raise forms.ValidationError(MONTH_HELP)
        return month


class PlanForm(forms.Form):
    plan_owner = forms.CharField(
        label=_("Ansvarlig for planen"),
        help_text=_("En rolle eller et fornavn; skriv ikke personoplysninger her."),
        max_length=120,
        required=False,
    )
    plan_remeasure_on = forms.DateField(
        label=_("Mål igen den"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )
