"""Who may do what with translations.

Translating an item is decided by the app that owns it: its registry entry names the
permission (`content.register(..., permission="events.change_event")`), asked for each object.
This app adds only what is its own: keeping the glossary, which agency staff and platform
admins do. Comments are added and resolved by whoever may translate the item.

translations sits beside accounts and imports only core, so it asks the person's active staff
memberships through the user's reverse relation, as `accounts.roles` does.
"""

import rules


@rules.predicate
def is_staff_or_platform_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.staff_memberships.filter(is_active=True).exists()


rules.add_perm("translations.manage_glossary", is_staff_or_platform_admin)
