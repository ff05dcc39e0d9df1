from django.contrib.auth.forms import AuthenticationForm

from buurtpeil.core.forms import StyledFormMixin


class StaffLoginForm(StyledFormMixin, AuthenticationForm):
    pass
