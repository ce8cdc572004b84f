"""Shared admin pieces."""


class ViewOnlyMixin:
    """Records written only by service functions (events, screening results, attempts): the admin
    may show them but never add, change or delete them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
