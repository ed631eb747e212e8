from django import forms
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm

from core.admin_scope import partners_edited_by, sees_all_content
from core.models.partners import PartnerPage
from figures.models import SPLIT_TOO_LARGE


class PartnerScopedForm(WagtailAdminModelForm):
    """A partner editor chooses only among their own partners."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("partner")
        if field is None:
            return
        user = self.for_user
        if user is not None and not sees_all_content(user):
            field.queryset = partners_edited_by(user).order_by("title")
        else:
            field.queryset = PartnerPage.objects.order_by("title")


class UpskillingReportForm(PartnerScopedForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("area_rows")
        total = cleaned.get("people")
        if formset is None or total is None or not formset.is_valid():
            return cleaned
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if sum(row.get("people") or 0 for row in rows) > total:
            self.add_error("people", SPLIT_TOO_LARGE["area"])
        areas = [row["area"].pk for row in rows if row.get("area")]
        if len(areas) != len(set(areas)):
            raise forms.ValidationError(_("Et kompetenceområde står der to gange."))
        return cleaned
