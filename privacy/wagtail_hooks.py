from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.admin_scope import sees_all_content
from privacy.views import personal_data


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [path("persondata/", personal_data, name="privacy_personal_data")]


class EditorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_all_content(request.user)


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return EditorsOnlyMenuItem(
        _("Persondata"),
        reverse("privacy_personal_data"),
        icon_name="user",
        order=900,
    )
