"""Who may do what, in one place: the named role sets and the government a person works for.

Cases, duty letters, the employee register import and the exports all answer "whose records may
this person see or change?" with `government_scope(user)`; the apps must not read
`staff_profile.government` or re-list roles themselves. Reporter identity and NIP rules live in
`roles.py` next to the role names (re-exported here).

A PPK officer acts for one regional government (their `StaffProfile.government`). An officer
without one is not "unscoped": they see no cases, read and register no duty letters and import no
employees until an admin sets their government (docs/decisions.md).
"""

from dataclasses import dataclass

from .roles import SEES_NIP, SEES_REPORTER_IDENTITY, Role, has_role

__all__ = [
    "CASE_DESK_ROLES", "DUTY_LETTER_OFFICERS", "DUTY_LETTER_READERS", "EMPLOYEE_IMPORTERS", "FLAG_REVIEWERS",
    "MONITORING_ROLES", "PROVINCE_WIDE_ROLES", "SEALED_ORIGINAL_READERS", "SEES_NIP", "SEES_REPORTER_IDENTITY",
    "TRAINER_ROLES", "Scope", "government_scope", "officer_government_id",
]

# Everyone who works on cases at the desk and through the staff API.
CASE_DESK_ROLES = frozenset({Role.VERIFIER, Role.BAWASLU, Role.PPK, Role.SUPERVISOR, Role.ADMIN})
# Province-wide bodies: they handle or oversee every government's cases and letters.
PROVINCE_WIDE_ROLES = frozenset({Role.VERIFIER, Role.BAWASLU, Role.SUPERVISOR, Role.ADMIN})
# Agency officers keep their government's duty letters; every case role may read them.
DUTY_LETTER_OFFICERS = frozenset({Role.PPK, Role.ADMIN})
DUTY_LETTER_READERS = CASE_DESK_ROLES
EMPLOYEE_IMPORTERS = frozenset({Role.PPK, Role.ADMIN})
# The byte-exact evidence original (EXIF/GPS) is for those who verify or keep the record.
SEALED_ORIGINAL_READERS = frozenset({Role.VERIFIER, Role.ADMIN})
MONITORING_ROLES = frozenset({Role.MONITOR, Role.ADMIN})
FLAG_REVIEWERS = frozenset({Role.MONITOR, Role.VERIFIER, Role.ADMIN})
TRAINER_ROLES = frozenset({Role.TRAINER, Role.ADMIN})


@dataclass(frozen=True)
class Scope:
    """The governments whose records a person may work with: all, exactly one, or none."""

    everything: bool = False
    government_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.government_id is None

    def covers(self, government_id: int | None) -> bool:
        return self.everything or (government_id is not None and government_id == self.government_id)

    def filter(self, queryset, government_field: str):
        """`queryset` limited to the scope; `government_field` is the lookup of the record's region id."""
        if self.everything:
            return queryset
        if self.government_id is None:
            return queryset.none()
        return queryset.filter(**{government_field: self.government_id})


def officer_government_id(user) -> int | None:
    """The regional government (Region id) a PPK officer acts for, from their staff profile."""
    if not has_role(user, Role.PPK):
        return None
    profile = getattr(user, "staff_profile", None)
    return getattr(profile, "government_id", None)


def government_scope(user) -> Scope:
    """Province-wide roles: everything. A PPK officer: their government, or nothing when none is set.
    Anyone else (monitors, trainers, ASN, the public): nothing."""
    if has_role(user, *PROVINCE_WIDE_ROLES):
        return Scope(everything=True)
    return Scope(government_id=officer_government_id(user))
