from django.contrib import admin

from buurtpeil.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "country", "kind", "default_language"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]
