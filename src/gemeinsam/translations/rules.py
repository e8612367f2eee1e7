"""Who may do what with translations.

Translating an item is decided by the app that owns it: its registry entry names the
permission (`content.register(..., permission="events.change_event")`), asked for each object.
This app adds only what is its own: keeping the glossary, which agency staff and platform
admins do. Comments are added and resolved by whoever may translate the item.
"""

import rules

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin

rules.add_perm("translations.manage_glossary", is_agency_staff | is_platform_admin)
