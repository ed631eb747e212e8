"""Controlled vocabularies that editors manage as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Taxonomy(index.Indexed, models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Sector(Taxonomy):
    is_focus = models.BooleanField(
        _("fokussektor"),
        default=False,
        help_text=_("Fokussektorer fremhæves på forsiden og i søgningen."),
    )

    panels = [*Taxonomy.panels, FieldPanel("is_focus")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("sektor")
        verbose_name_plural = _("sektorer")


class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")


class Audience(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")


class CompetenceLevel(Taxonomy):
    """How much a tool asks of its user, from first steps to advanced; the
    sort order is the levels' own order (begynder before øvet)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("kompetenceniveau")
        verbose_name_plural = _("kompetenceniveauer")


class CompetenceArea(Taxonomy):
    """An area of AI competence a company builds: Digital Dogme's four
    (forståelse, anvendelse, udvikling, styring) and the barriers the pact
    measures (strategi, ledelsesforankring, læringskultur, ...). Tools and
    cases carry them; the Kompetencetjek scores a company per area."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("kompetenceområde")
        verbose_name_plural = _("kompetenceområder")
