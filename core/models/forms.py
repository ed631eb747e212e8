"""The "Bliv partner" page: a form that editors build in the admin.

Submissions are stored (Wagtail's form submissions, listed under Formularer
in the admin) and mailed to the editors. Two guards keep the inbox clean: a
honeypot field that people never see and bots fill in (they get the normal
thank-you page, and nothing is stored or sent), and a per-client rate limit.
"""

import logging

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    EmailFormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from modelcluster.fields import ParentalKey

from core.honeypot import HONEYPOT_FIELD, filled_honeypot, honeypot_field
from core.ratelimit import client_key, hit_rate_limit

logger = logging.getLogger(__name__)

SUBMISSION_LIMIT = 5
SUBMISSION_WINDOW = 60 * 60


class PartnerFormField(AbstractFormField):
    page = ParentalKey(
        "portal.PartnerFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("formularfelt")
        verbose_name_plural = _("formularfelter")


class PartnerFormPage(AbstractEmailForm):
    intro = RichTextField(
        _("introduktion"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    thank_you_text = RichTextField(
        _("tak-tekst"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Vises, når formularen er sendt."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Felt"), heading=_("Formularens felter")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail til redaktionen"),
            help_text=_(
                "Uden modtageradresse går e-mailen til redaktionens adresse "
                "fra indstillingerne (EDITORS_EMAIL)."
            ),
        ),
    ]

    parent_page_types = ["portal_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Bliv partner-formular")
        verbose_name_plural = _("Bliv partner-formularer")

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields[HONEYPOT_FIELD] = honeypot_field()
        return form

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if hit_rate_limit(
            "partner-form", client_key(request), SUBMISSION_LIMIT, SUBMISSION_WINDOW
        ):
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            context["rate_limited"] = True
            return TemplateResponse(
                request, self.get_template(request), context, status=429
            )
        if filled_honeypot(request.POST):
            logger.info("Bliv partner: honeypot filled; submission dropped")
            return self.render_landing_page(request, None, *args, **kwargs)
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        # FormMixin stores the submission; the e-mail follows below, also
        # when no to_address is set.
        submission = super(EmailFormMixin, self).process_form_submission(form)
        self.send_mail(form)
        return submission

    def recipients(self):
        if self.to_address:
            return [a.strip() for a in self.to_address.split(",") if a.strip()]
        return list(settings.EDITORS_EMAIL)

    def send_mail(self, form):
        recipients = self.recipients()
        if not recipients:
            return
        subject = self.subject or gettext("Ny henvendelse: Bliv partner")
        try:
            send_mail(
                subject,
                self.render_email(form),
                recipients,
                self.from_address or settings.DEFAULT_FROM_EMAIL,
            )
        except Exception:
            # The submission is stored and listed in the admin already.
            logger.exception("Bliv partner: the e-mail to the editors failed")
