from django.shortcuts import render

from buurtpeil.organisations.models import Organisation


def landing(request):
    """Public start page: the panels on this installation."""
    organisations = Organisation.objects.only("code", "name").order_by("name")
    return render(request, "buurtpeil/landing.html", {"organisations": organisations})
