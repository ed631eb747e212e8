"""The role groups a check, a plan and a learning path speak to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleGroup(models.TextChoices):
    LEADERS = "ledere", _("Ledere")
    SHOP_FLOOR = "produktionen", _("Produktionen")
    HR = "hr", _("HR og undervisere")
    WORKS_COUNCIL = "tillidsrepraesentanter", _("Tillidsrepræsentanter")
