"""The registry record of a signed-in civil servant (ASN accounts are linked to an Employee)."""

from .models import Employee


def employee_of(user) -> Employee | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Employee.objects.filter(user=user).select_related("agency", "region").first()
