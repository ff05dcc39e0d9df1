"""The staff form of a poll's feedback: per language a title, "you said" and "we do"; the goals
and actions it tells about."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.feedback.services import TEXT_MAX, TITLE_MAX

TEXTS = ("title", "said", "done")


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.plan.title})"


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.goal.title})"


class FeedbackForm(StyledFormMixin, forms.Form):
    goals = GoalChoiceField(
        label=_("Goals this feedback is about"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose goals of this organisation's plans only.")},
    )
    actions = ActionChoiceField(
        label=_("Actions this feedback is about"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose actions of this organisation's plans only.")},
    )

    def __init__(self, *args, languages: list[str], goals, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages
        names = dict(settings.LANGUAGES)
        self.fields["goals"].queryset = goals
        self.fields["actions"].queryset = actions
        for index, language in enumerate(languages):
            source = index == 0
            suffix = "" if source else f" ({names[language]})"
            self.fields[f"title_{language}"] = forms.CharField(
                label=gettext("Title") + suffix,
                max_length=TITLE_MAX,
                required=source,
                error_messages={"required": gettext("Write a title.")},
            )
            self.fields[f"said_{language}"] = forms.CharField(
                label=gettext("You said") + suffix,
                help_text=gettext("The results in words: what residents told the municipality in this poll."),
                max_length=TEXT_MAX,
                required=source,
                error_messages={"required": gettext("Write what residents said.")},
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[f"done_{language}"] = forms.CharField(
                label=gettext("We do") + suffix,
                help_text=gettext("What the municipality and its partners do with the results."),
                max_length=TEXT_MAX,
                required=source,
                error_messages={"required": gettext("Write what the municipality does.")},
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        # StyledFormMixin styled the fields that existed when it ran; style the new ones too.
        for name in self.fields:
            widget = self.fields[name].widget
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
            elif isinstance(widget, forms.TextInput):
                widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")

    def language_fields(self):
        """(language name, its bound fields) per language, the required one first."""
        names = dict(settings.LANGUAGES)
        return [
            (names[language], [self[f"{text}_{language}"] for text in TEXTS]) for language in self.languages
        ]

    def texts(self) -> dict[str, dict[str, str]]:
        return {
            text: {language: self.cleaned_data.get(f"{text}_{language}", "") for language in self.languages}
            for text in TEXTS
        }

    @staticmethod
    def initial_for(feedback) -> dict:
        if feedback is None:
            return {}
        initial = {
            f"{text}_{language}": value
            for text in TEXTS
            for language, value in getattr(feedback, text).items()
        }
        initial["goals"] = [goal.pk for goal in feedback.goals.all()]
        initial["actions"] = [action.pk for action in feedback.actions.all()]
        return initial
