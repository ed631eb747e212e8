from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="group")
class OrganisationSettings(BaseSiteSetting):
    """The organisation behind the portal, as templates, the SEO tags and
    schema.org JSON-LD name it. The defaults are the pact's own, so a new site
    renders correctly before an editor opens the settings."""

    name = models.CharField(
        _("navn"),
        max_length=120,
        default="AI-kompetencepagten",
        help_text=_(
            "Organisationen bag Værktøjskassen. Navnet vises i sidehovedet, i "
            "sidernes tekster og i søgemaskinernes strukturerede data."
        ),
    )
    logo = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bruges i søgemaskinernes strukturerede data (schema.org)."),
    )

    select_related = ["logo"]

    panels = [FieldPanel("name"), FieldPanel("logo")]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    @property
    def genitive(self):
        """The name in the Danish genitive: "AI-kompetencepagtens"; a name that
        ends in s, x or z takes an apostrophe instead."""
        if self.name.endswith(("s", "x", "z")):
            return f"{self.name}'"
        return f"{self.name}s"

    @classmethod
    def for_request_or_default(cls, request):
        """The request's site's settings; the defaults when no site is known
        (a template rendered without a request, or no Site yet)."""
        try:
            return cls.for_request(request)
        except cls.DoesNotExist:
            return cls()
