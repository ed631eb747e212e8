import pytest

from core.models import PartnerFormField, PartnerFormPage
from tests.factories import home_page


@pytest.fixture
def form_page():
    page = PartnerFormPage(
        title="Bliv partner",
        slug="bliv-partner",
        thank_you_text="<p>Tak, vi kontakter dig snart.</p>",
    )
    for label, field_type in [("Navn", "singleline"), ("E-mail", "email")]:
        page.form_fields.add(
            PartnerFormField(label=label, field_type=field_type, required=True)
        )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page
