"""Who may do what with pledges and reports. Editors and superusers do
everything, publishing (approving) included. A partner editor adds and
edits their own partner's pledges and reports and never publishes; they
see no other partner's, published or not."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from core.admin_scope import partners_edited_by, sees_all_content

PARTNER_ACTIONS = {"add", "change", "view"}


class PartnerFiguresPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if sees_all_content(user):
            return True
        return action in PARTNER_ACTIONS and partners_edited_by(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if sees_all_content(user):
            return objects
        if not PARTNER_ACTIONS.intersection(actions):
            return objects.none()
        return objects.filter(partner__in=partners_edited_by(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        if sees_all_content(user):
            return True
        return (
            action in PARTNER_ACTIONS
            and partners_edited_by(user).filter(pk=instance.partner_id).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )
