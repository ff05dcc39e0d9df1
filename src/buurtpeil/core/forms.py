"""NL Design System classes on Django's form widgets."""

from django import forms

_WIDGET_CLASSES = {
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.ClearableFileInput: "utrecht-file-input",
    forms.FileInput: "utrecht-file-input",
    forms.widgets.Input: "utrecht-textbox utrecht-textbox--html-input",
}


class StyledFormMixin:
    """Adds the Utrecht component class that fits each widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_type, css in _WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break
