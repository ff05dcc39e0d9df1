from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "buurtpeil.organisations"
    label = "organisations"

    def ready(self):
        # Signal receivers: the session clocks of a staff login, and ROLE_CHANGE audit rows.
        from buurtpeil.organisations import roles, staff_login  # noqa: F401
