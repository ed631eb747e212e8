"""Content-Security-Policy header for every response.

The public site runs under a strict policy (no inline script or style), so
markup injected into a page through a template or rich-text bug cannot run.
Wagtail's admin gets its own, measured relaxations (settings.CSP_ADMIN_POLICY).
"""

from django.conf import settings


def serialize_policy(directives):
    """The header value for a {directive: [sources]} mapping; a directive
    with no sources (e.g. upgrade-insecure-requests) is written bare."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    """Sets the public or the admin policy, chosen by URL prefix.

    A view that sets the header itself keeps its own policy. With
    CSP_REPORT_ONLY the browser reports violations but blocks nothing, for
    trying out a tighter policy in production first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = (
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )
        self.policy = serialize_policy(settings.CSP_POLICY)
        self.admin_policy = serialize_policy(settings.CSP_ADMIN_POLICY)
        self.admin_prefixes = tuple(settings.CSP_ADMIN_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header not in response:
            response[self.header] = (
                self.admin_policy
                if request.path_info.startswith(self.admin_prefixes)
                else self.policy
            )
        return response
