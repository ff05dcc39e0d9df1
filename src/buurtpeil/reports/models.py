from buurtpeil.reports.council.models import CouncilReport  # noqa: F401
