from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    """Wagtail's image with the alt text made required (WCAG 2.1 AA, 1.1.1)."""

    description = models.CharField(
        _("alt-tekst"),
        max_length=255,
        help_text=_(
            "Beskriv billedet for dem, der ikke kan se det. Påkrævet for alle billeder."
        ),
    )

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("billede")
        verbose_name_plural = _("billeder")
        permissions = [("choose_portalimage", "Can choose image")]


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(
        PortalImage, related_name="renditions", on_delete=models.CASCADE
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
