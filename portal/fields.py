from django import forms
from django.db import models


class ChoiceListField(models.JSONField):
    """A list of values from fixed choices, edited as checkboxes.

    Used for display-only multi-choice attributes; anything that is filtered
    or faceted on is a many-to-many relation instead, which every database
    can query.
    """

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_list"] = self.choices_list
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_list,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.choices_list}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                "Ukendt værdi: %(values)s", params={"values": ", ".join(unknown)}
            )

    def labels(self, values):
        lookup = dict(self.choices_list)
        return [lookup.get(value, value) for value in values or []]
