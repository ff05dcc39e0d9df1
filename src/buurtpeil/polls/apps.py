from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "buurtpeil.polls"
    label = "polls"
