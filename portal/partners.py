def owning_partner(page):
    """The partner a tool or case belongs to: its nearest PartnerPage ancestor,
    or None for content owned by the pact itself."""
    from portal.models import PartnerPage

    if not page.path:
        return None
    ancestor_paths = [
        page.path[:i] for i in range(page.steplen, len(page.path), page.steplen)
    ]
    return PartnerPage.objects.filter(path__in=ancestor_paths).first()
