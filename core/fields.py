from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import models


class ChoiceListField(models.JSONField):
    """A list of values from fixed choices, edited as checkboxes.

    Filtered with `<field>__contains_any=[values]` (ContainsAny below), on
    PostgreSQL and SQLite alike. A vocabulary editors maintain is a
    many-to-many relation instead.
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


@ChoiceListField.register_lookup
class ContainsAny(models.Lookup):
    """The list holds at least one of the given values. JSONField's own
    `contains` is not available on SQLite, and `has_any_keys` reads object
    keys there, not list items."""

    lookup_name = "contains_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [str(value) for value in self.rhs]
        if not values:
            raise EmptyResultSet
        # One placeholder a value (not one array parameter): callers may key
        # compiled SQL by its parameters, which must then be hashable.
        marks = ", ".join(["%s"] * len(values))
        if connection.vendor == "postgresql":
            return f"{lhs} ?| ARRAY[{marks}]::text[]", [*lhs_params, *values]
        # Only the compiled column and placeholders go into the text.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) AS items WHERE items.value IN ({marks}))"  # noqa: E501, S608
        return sql, [*lhs_params, *values]
