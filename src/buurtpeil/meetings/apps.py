from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "buurtpeil.meetings"
    label = "meetings"

    def ready(self):
        # The invitation notice, the retention step and the section on the staff buurt page.
        from buurtpeil.meetings import notice, retention, sections  # noqa: F401
