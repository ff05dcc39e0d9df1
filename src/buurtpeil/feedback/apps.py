from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "buurtpeil.feedback"
    label = "feedback"

    def ready(self):
        from buurtpeil.feedback import notice  # noqa: F401  (registers the "feedback" notice)
