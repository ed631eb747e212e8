"""The content generation behind cached fragments (core.fragments), kept in
the database so that every process and every node reads the same one, with
or without a shared cache."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGeneration(models.Model):
    """One row (pk 1). Its value is replaced, never counted up from zero,
    so a restored backup or a flushed table never brings back a generation
    whose fragments may still sit in a shared cache."""

    value = models.BigIntegerField(_("generation"))

    class Meta:
        verbose_name = _("indholdsgeneration")

    def __str__(self):
        return str(self.value)
