"""The case workflow, written once: statuses, transitions and the events they leave in the record.

Every step a person (or the system) can take on a case is one row of `TRANSITIONS`: where it may
start, who may take it, which function of `netra.cases.services` performs it, which event it writes,
and how that event reads on the desk and on the reporter's status page. The services take their
role and stage guards from this table; the desk's action forms, the API's transitions, the role
queues and the event labels are generated from it. `tests/cases/test_workflow_table.py` holds the
table, the services and the API to each other, so a new step cannot be added in one place only.

This module imports no model so that `models.py` can take its choices from here.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netra.core.roles import Role


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    VERIFICATION = "verification", _("Verifikasi Satgas")
    BAWASLU_REVIEW = "bawaslu_review", _("Kajian Bawaslu")
    RECOMMENDED = "recommended", _("Direkomendasikan ke PPK")
    PPK_DECIDED = "ppk_decided", _("Diputus PPK")
    CLOSED = "closed", _("Selesai (tercatat)")
    NOT_PROVEN = "not_proven", _("Tidak terbukti")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")
    EMPLOYEE_EXITED = "employee_exited", _("Pegawai sudah keluar")
    MERGED = "merged", _("Digabung ke kasus lain")


S = CaseStatus

OPEN_STATUSES = (S.RECEIVED, S.VERIFICATION, S.BAWASLU_REVIEW, S.RECOMMENDED, S.PPK_DECIDED)
# The verifier's stages: the case has not left the Satgas yet.
VERIFIER_STAGES = (S.RECEIVED, S.VERIFICATION)


@dataclass(frozen=True)
class Transition:
    """One step of the workflow.

    `name` is unique and is what tests and the record refer to; `action` is the desk form and API
    action that offers it (the dismissals share one "dismiss" form with an outcome field).
    `target` is the status afterwards, or None when the step changes data but not the status.
    `ppk_scoped`: an officer who acts only as PPK must act for the employee's own government.
    `queue`: the step is the work its roles are waiting to do, so its source stages make up their
    working queue on the desk.
    """

    name: str
    service: str
    sources: tuple[str, ...]
    roles: tuple[Role, ...]
    event: str
    target: str | None
    action_label: Promise
    staff_label: Promise
    public_label: Promise | None = None
    action: str = ""
    outcome: str = ""
    ppk_scoped: bool = False
    danger: bool = False
    queue: bool = False

    @property
    def action_name(self) -> str:
        return self.action or self.name


V, B, P, SUP, A = Role.VERIFIER, Role.BAWASLU, Role.PPK, Role.SUPERVISOR, Role.ADMIN

TRANSITIONS: tuple[Transition, ...] = (
    Transition("start_verification", "start_verification", (S.RECEIVED,), (V, A), "verification_started",
               S.VERIFICATION, _("Mulai verifikasi"), _("Verifikasi dimulai"),
               _("Verifikasi oleh Satgas Netralitas dimulai"), queue=True),
    Transition("link_employee", "link_employee", VERIFIER_STAGES, (V, A), "employee_linked", None,
               _("Tautkan ke data pegawai"), _("Ditautkan ke data pegawai")),
    Transition("set_agency", "set_agency", VERIFIER_STAGES, (V, A), "agency_set", None,
               _("Tetapkan instansi terlapor"), _("Instansi terlapor ditetapkan")),
    Transition("classify", "classify", (S.VERIFICATION,), (V, A), "classified", None,
               _("Klasifikasi pelanggaran dan sanksi"), _("Diklasifikasikan")),
    Transition("forward_to_bawaslu", "forward_to_bawaslu", (S.VERIFICATION,), (V, A), "forwarded_to_bawaslu",
               S.BAWASLU_REVIEW, _("Teruskan ke Bawaslu"), _("Diteruskan ke Bawaslu"),
               _("Diteruskan ke Bawaslu untuk dikaji"), queue=True),
    Transition("return_to_verification", "return_to_verification", (S.BAWASLU_REVIEW,), (B, A),
               "returned_to_verification", S.VERIFICATION, _("Kembalikan untuk dilengkapi"),
               _("Dikembalikan untuk dilengkapi"), _("Dikembalikan untuk dilengkapi")),
    Transition("recommend", "recommend", (S.BAWASLU_REVIEW,), (B, A), "recommended", S.RECOMMENDED,
               _("Kirim rekomendasi ke PPK"), _("Rekomendasi dikirim ke PPK"),
               _("Rekomendasi sanksi dikirim ke PPK"), queue=True),
    Transition("record_ppk_decision", "record_ppk_decision", (S.RECOMMENDED,), (P, A), "ppk_decided",
               S.PPK_DECIDED, _("Catat keputusan PPK"), _("Keputusan PPK dicatat"),
               _("PPK telah menjatuhkan keputusan"), ppk_scoped=True, queue=True),
    Transition("close_case", "close_case", (S.PPK_DECIDED,), (V, P, A), "closed", S.CLOSED,
               _("Tutup: keputusan sudah tercatat"), _("Kasus ditutup"), _("Kasus selesai dan tercatat"),
               ppk_scoped=True),
    Transition("merge_cases", "merge_cases", VERIFIER_STAGES, (V, A), "merged_into", S.MERGED,
               _("Gabungkan kasus duplikat ke kasus ini"), _("Digabung ke kasus lain")),
    Transition("assign", "assign", OPEN_STATUSES, (V, SUP, A), "assigned", None, _("Tugaskan petugas"),
               _("Petugas ditugaskan")),
    # Side outcomes. Each is taken by the body that holds the case at that stage: the Satgas while
    # verifying, Bawaslu while reviewing or after its recommendation. The PPK, as the accused's
    # employer, ends no case except by its decision.
    Transition("dismiss_rejected", "dismiss", VERIFIER_STAGES, (V, A), "dismissed_rejected", S.REJECTED,
               _("Tolak: bukan pelanggaran netralitas ASN"), _("Ditolak: bukan pelanggaran netralitas ASN"),
               _("Ditolak: bukan pelanggaran netralitas ASN"), action="dismiss", outcome=S.REJECTED,
               danger=True),
    Transition("dismiss_not_proven", "dismiss", (S.VERIFICATION,), (V, A), "dismissed_not_proven",
               S.NOT_PROVEN, _("Tidak terbukti (verifikasi)"), _("Tidak terbukti"), _("Tidak terbukti"),
               action="dismiss", outcome=S.NOT_PROVEN, danger=True),
    Transition("review_not_proven", "dismiss", (S.BAWASLU_REVIEW,), (B, A), "dismissed_not_proven",
               S.NOT_PROVEN, _("Tidak terbukti (kajian Bawaslu)"), _("Tidak terbukti"), _("Tidak terbukti"),
               action="dismiss", outcome=S.NOT_PROVEN, danger=True),
    Transition("dismiss_cancelled", "dismiss", VERIFIER_STAGES, (V, A), "dismissed_cancelled", S.CANCELLED,
               _("Batalkan (verifikasi)"), _("Dibatalkan"), _("Dibatalkan"), action="dismiss",
               outcome=S.CANCELLED, danger=True),
    Transition("review_cancelled", "dismiss", (S.BAWASLU_REVIEW, S.RECOMMENDED), (B, A), "dismissed_cancelled",
               S.CANCELLED, _("Batalkan (Bawaslu)"), _("Dibatalkan"), _("Dibatalkan"), action="dismiss",
               outcome=S.CANCELLED, danger=True),
    # Ending on "employee exited" is final and removes the case from the PPK's reach, so it is the
    # Satgas's call, on the personnel decision (SK) that ended the employment, never the employer's.
    Transition("mark_employee_exited", "mark_employee_exited",
               (S.RECEIVED, S.VERIFICATION, S.BAWASLU_REVIEW, S.RECOMMENDED), (V, A), "employee_exited",
               S.EMPLOYEE_EXITED, _("Pegawai sudah keluar"), _("Pegawai sudah keluar"),
               _("Pegawai sudah tidak berstatus ASN"), danger=True),
)

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}


@dataclass(frozen=True)
class Event:
    """An event that is not a workflow step: written by intake, the reporter or the system."""

    kind: str
    staff_label: Promise
    public_label: Promise | None = None


OTHER_EVENTS: tuple[Event, ...] = (
    Event("received", _("Laporan diterima"), _("Laporan diterima")),
    Event("reporter_added_info", _("Pelapor menambahkan keterangan"), _("Pelapor menambahkan keterangan")),
    # The surviving side of a merge; the reporter whose report moved sees that it joined another.
    Event("merged_from", _("Kasus duplikat digabungkan ke kasus ini"),
          _("Digabung dengan laporan lain tentang kejadian yang sama")),
    Event("escalated", _("Eskalasi keterlambatan PPK")),
    # Identity escrow (netra/cases/escrow.py): the reporter's status page lists these on its own,
    # by role and time only, so the event has no public label.
    Event("identity_opened", _("Identitas pelapor dibuka")),
)


def _event_labels() -> dict[str, tuple[Promise, Promise | None]]:
    labels: dict[str, tuple[Promise, Promise | None]] = {}
    for t in TRANSITIONS:
        labels.setdefault(t.event, (t.staff_label, t.public_label))
    for e in OTHER_EVENTS:
        labels[e.kind] = (e.staff_label, e.public_label)
    return labels


EVENT_LABELS = _event_labels()
STAFF_EVENT_LABELS: dict[str, Promise] = {kind: staff for kind, (staff, _public) in EVENT_LABELS.items()}
PUBLIC_EVENT_LABELS: dict[str, Promise] = {
    kind: public for kind, (_staff, public) in EVENT_LABELS.items() if public is not None}

# CaseEvent.kind's choices, generated so that an event kind exists exactly when the table names it.
EventKind = models.TextChoices(  # type: ignore[call-overload]
    "EventKind", [(kind.upper(), (kind, label)) for kind, label in STAFF_EVENT_LABELS.items()])


def transitions_for(action: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.action_name == action]


def action_names() -> list[str]:
    """Desk and API action names in table order, without repeats."""
    return list(dict.fromkeys(t.action_name for t in TRANSITIONS))


def queues() -> dict[Role, tuple[str, ...]]:
    """Each role's working queue, in workflow order: the stages of the steps marked `queue`.

    Supervisors and admins watch every case and have no queue of their own here.
    """
    result: dict[Role, set[str]] = {}
    for t in TRANSITIONS:
        if not t.queue:
            continue
        for role in t.roles:
            if role not in (Role.ADMIN, Role.SUPERVISOR):
                result.setdefault(role, set()).update(t.sources)
    return {role: tuple(s for s in S.values if s in statuses) for role, statuses in result.items()}
