from rest_framework.permissions import BasePermission

from buurtpeil.api.authentication import Caller


class IsCaller(BasePermission):
    """Authenticated by one of the API's schemes (a staff token or an invitation)."""

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, Caller)


class IsStaff(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, Caller) and request.auth.is_staff


class IsResident(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, Caller) and request.auth.recipient is not None
