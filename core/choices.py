"""Fixed value lists shared by partners, tools and cases."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerType(models.TextChoices):
    COMPANY = "virksomhed", _("Virksomhed")
    EDUCATION = "uddannelse", _("Uddannelsesinstitution")
    ORGANISATION = "organisation", _("Organisation")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 ansatte")
    SMALL = "10-49", _("10–49 ansatte")
    MEDIUM = "50-249", _("50–249 ansatte")
    LARGE = "250-999", _("250–999 ansatte")
    XLARGE = "1000+", _("1.000+ ansatte")


class Access(models.TextChoices):
    PUBLIC = "public", _("Offentlig")
    PARTNERS = "partners", _("Kun for partnere")
