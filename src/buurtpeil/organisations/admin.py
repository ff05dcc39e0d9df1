from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from buurtpeil.organisations.models import Membership, Organisation, TOTPDevice
from buurtpeil.organisations.services import acting_as
from buurtpeil.organisations.twofactor import two_factor_audit


class RoleChangesAudited:
    """Memberships granted, changed or removed on these pages go to the audit log with the
    administrator as actor (organisations.roles)."""

    def changeform_view(self, request, *args, **kwargs):
        with acting_as(request.user):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with acting_as(request.user):
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with acting_as(request.user):  # the "delete selected" action
            return super().changelist_view(request, *args, **kwargs)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Organisation)
class OrganisationAdmin(RoleChangesAudited, admin.ModelAdmin):
    list_display = ["name", "code", "country", "kind", "default_language"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(RoleChangesAudited, UserAdmin):
    inlines = [UserMembershipInline]


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Platform administrators remove the authenticator app of someone who lost their phone; they
    set up a new one at their next login. The secret is never shown."""

    list_display = ["user", "confirmed_at", "last_used_at"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "confirmed_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        two_factor_audit(
            user=obj.user, subject=f"authenticator app of {obj.user} removed", actor=request.user
        )

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            self.delete_model(request, device)
