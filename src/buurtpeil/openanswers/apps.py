from django.apps import AppConfig


class OpenAnswersConfig(AppConfig):
    name = "buurtpeil.openanswers"
    label = "openanswers"

    def ready(self):
        from buurtpeil.openanswers import receivers  # noqa: F401  (computes or sorts when a poll closes)
