from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from core import login, media
from core.admin_scope import EditorsPageTypesUsageReportView
from portal import feeds, health, views
from portal.api import api
from portal.exports import tools_csv

site_login = auth_views.LoginView.as_view(
    template_name="portal/login.html", authentication_form=login.ThrottledLoginForm
)

urlpatterns = [
    # One throttled login (core.login) for the site, Wagtail's front-end
    # login and both admins, and throttled privacy passwords; each route
    # below shadows Wagtail's own at the same path.
    path(
        "django-admin/login/",
        RedirectView.as_view(url="/admin/login/", query_string=True),
    ),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: the report that lists drafts site-wide is for
    # editors (core.admin_scope).
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(EditorsPageTypesUsageReportView.as_view()),
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(
            EditorsPageTypesUsageReportView.as_view(results_only=True)
        ),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "dokumenter/authenticate_with_password/<int:restriction_id>/",
        login.authenticate_with_document_password,
    ),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("login/", site_login, name="login"),
    # Page privacy sends visitors to WAGTAIL_FRONTEND_LOGIN_URL (/login/);
    # a bookmark or an old form may still use Wagtail's own route.
    path("_util/login/", site_login),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        login.authenticate_with_page_password,
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("soeg/", include("search.urls")),
    path("tal/", include("figures.urls")),
    # Open data and engagement; all before Wagtail's catch-all below.
    path("sundhed/", health.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("feeds/vaerktoejer/", feeds.tools_rss, name="feed_tools"),
    path("feeds/vaerktoejer/atom/", feeds.tools_atom, name="feed_tools_atom"),
    path("feeds/cases/", feeds.cases_rss, name="feed_cases"),
    path("feeds/cases/atom/", feeds.cases_atom, name="feed_cases_atom"),
    path("api/v1/", api.urls),
    path("vaerktoejer/eksport.csv", tools_csv, name="tools_csv"),
    path("vaerktoejer/", include("toolbox.urls")),
    path("", include("toolbox.saved_urls")),
    path("foreslaa-et-vaerktoej/", include("toolbox.suggest_urls")),
    path("", include("competence.urls")),
    # Images only, in every mode; MEDIA_ROOT also holds the documents, which
    # must go through /dokumenter/ and its access hooks.
    path(
        f"{settings.MEDIA_URL.lstrip('/')}<path:path>",
        media.serve_image,
        name="media_image",
    ),
    path("", include(wagtail_urls)),
]
