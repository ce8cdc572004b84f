"""The case page's action forms, each a thin wrapper around one function of `cases.services`.

Which actions exist, their labels, roles and stages come from the workflow table
(`netra.cases.workflow`); this module adds only the form and how its data reach the service.
The list decides which forms a user *sees* (role and state). It is not the guard: a POST always
goes to the service, which checks role and state again and raises PermissionDenied or a
ValidationError; the view turns those into 403 or form errors.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases import services, workflow
from netra.cases.models import Case, CaseStatus
from netra.core.permissions import CASE_DESK_ROLES
from netra.core.roles import Role, has_role
from netra.registry import matching as agency_matching
from netra.registry.models import Agency, Employee
from netra.registry.validators import normalize_nip
from netra.rules import services as rules
from netra.rules.models import Contest, SanctionType, ViolationType

S = CaseStatus
# Browsers' date pickers read and send ISO dates whatever the page language.
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ActionForm(forms.Form):
    def __init__(self, *args, case: Case, user, **kwargs):
        self.case = case
        self.user = user
        super().__init__(*args, **kwargs)


class EmptyForm(ActionForm):
    pass


class OptionalReasonForm(ActionForm):
    reason = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class EmployeeExitedForm(ActionForm):
    decision_reference = forms.CharField(
        label=_("Nomor keputusan kepegawaian"), max_length=200,
        help_text=_("Nomor dan tanggal SK pemberhentian, pensiun atau keterangan meninggal dunia."))
    reason = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LinkEmployeeForm(ActionForm):
    nip = forms.CharField(label=_("NIP / NI PPPK pegawai"), max_length=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("nip", next((r.subject_nip for r in self.case.reports.all() if r.subject_nip),
                                                ""))

    def clean_nip(self):
        employee = Employee.objects.filter(nip=normalize_nip(self.cleaned_data["nip"])).first()
        if employee is None:
            raise forms.ValidationError(_("NIP ini tidak ada di daftar pegawai. Periksa angkanya atau impor dulu "
                                          "daftar ASN instansinya."))
        self.cleaned_data["employee"] = employee
        return employee.nip


class SetAgencyForm(ActionForm):
    """Choose the reported person's agency; agencies matching what the reporters typed come first."""

    agency = forms.TypedChoiceField(label=_("Instansi terlapor"), coerce=int)
    reason = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed = [r.subject_agency_text for r in self.case.reports.all() if r.subject_agency_text]
        suggested = agency_matching.suggest(" ".join(typed), region=self.case.region) if typed else []
        agencies = list(Agency.objects.filter(is_active=True).select_related("region"))
        groups: dict[str, list] = {}
        for agency in agencies:
            groups.setdefault(str(agency.region), []).append((agency.pk, agency.name))
        choices: list = [("", "---------")]
        if suggested:
            choices.append((_("Cocok dengan tulisan pelapor"), [(a.pk, f"{a.name} ({a.region})") for a in suggested]))
        choices.extend(groups.items())
        self.fields["agency"].choices = choices
        if typed:
            self.fields["agency"].help_text = _("Ditulis pelapor: %(text)s") % {"text": "; ".join(dict.fromkeys(typed))}
        if not self.is_bound:
            self.initial["agency"] = self.case.agency_id or (suggested[0].pk if suggested else None)

    def clean_agency(self):
        agency = Agency.objects.filter(pk=self.cleaned_data["agency"], is_active=True).first()
        if agency is None:
            raise forms.ValidationError(_("Pilih instansi dari daftar."))
        return agency


def contest_options(conduct_date, region) -> list[Contest]:
    """The races an act on `conduct_date` in `region` may concern: the coming election's national
    contests, the province's and the region's own (a Samarinda incident is never about Berau)."""
    first = rules.guess_contest(conduct_date, region)
    if first is None:
        return []
    races = Contest.objects.filter(election=first.election)
    local = Q(region__isnull=True) | Q(kind=Contest.Kind.GOVERNOR)
    if region is not None:
        local |= Q(region=region)
    return list(races.filter(local).order_by("candidate_determination_date", "kind", "name")) or [first]


def _stage(conduct_date, contest) -> str:
    before = conduct_date < contest.candidate_determination_date
    return ViolationType.Stage.BEFORE if before else ViolationType.Stage.AFTER


def default_contest(case: Case) -> Contest | None:
    """The contest to pre-fill: the one already confirmed by a verifier, else the region's race when
    every candidate race gives the same form on the conduct date. When they differ (3–12 Nov 2023:
    legislative candidates named, presidential pairs not) nothing is pre-filled: the verifier names
    the contest, and the preview shows both outcomes meanwhile."""
    if case.violation_id and case.contest_id:
        return case.contest
    options = contest_options(case.conduct_date, case.region)
    if len({_stage(case.conduct_date, c) for c in options}) > 1:
        return None
    return rules.guess_contest(case.conduct_date, case.region)


class ViolationChoiceField(forms.ModelChoiceField):
    show_counterpart = False

    def label_from_instance(self, obj):
        # With the contest still unknown an act may end up on either side: name both codes.
        code = f"{obj.code}/{obj.counterpart.code}" if self.show_counterpart and obj.counterpart_id else obj.code
        return f"{code} – {obj.title}"


class ClassifyForm(ActionForm):
    violation = ViolationChoiceField(
        label=_("Perbuatan yang dilaporkan"), queryset=ViolationType.objects.all(),
        help_text=_("Bentuk E (kode etik) atau D (disiplin) ditentukan otomatis dari tanggal perbuatan terhadap "
                    "tanggal penetapan calon pada kontestasi."))
    contest = forms.ModelChoiceField(
        label=_("Kontestasi"), queryset=Contest.objects.all(), required=False, empty_label=_("— belum jelas —"),
        help_text=_("Pemilihan yang calonnya didukung, menurut laporan. Bila belum jelas, pratinjau menunjukkan "
                    "hasil untuk setiap kontestasi yang mungkin."))
    conduct_date = forms.DateField(label=_("Tanggal perbuatan"), widget=DATE_WIDGET)
    sanction = forms.ModelChoiceField(
        label=_("Sanksi yang direkomendasikan"), queryset=SanctionType.objects.all(), required=False,
        help_text=_("Kosongkan untuk memakai usulan katalog. Memilih sanksi lain wajib disertai alasan."))
    reason = forms.CharField(label=_("Alasan (wajib bila sanksi berbeda dari usulan)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            contest = default_contest(self.case)
            self.initial.update({"violation": self.case.violation_id, "contest": contest.pk if contest else None,
                                 "conduct_date": self.case.conduct_date,
                                 "sanction": self.case.recommended_sanction_id})
            self.fields["violation"].queryset = self._acts(contest)
            self.fields["violation"].show_counterpart = contest is None
        options = contest_options(self.case.conduct_date, self.case.region)
        if options and not self.is_bound:
            # The coming election's races first; older ones stay available below for late reports.
            ids = [c.pk for c in options]
            self.fields["contest"].choices = [("", self.fields["contest"].empty_label), *[
                (c.pk, str(c)) for c in options], *[(c.pk, str(c)) for c in Contest.objects.exclude(pk__in=ids)]]

    def _acts(self, contest):
        """Only the forms that can apply: with a known contest the derived side (E before the
        determination date, D from it) plus the forms that apply at any time; otherwise each act once."""
        if contest is not None:
            stage = _stage(self.case.conduct_date, contest)
        else:
            stage = ViolationType.Stage.BEFORE
        return (ViolationType.objects.filter(stage__in=[stage, ViolationType.Stage.ANY])
                .select_related("counterpart").order_by("order"))

    def clean(self):
        data = super().clean()
        if not data.get("contest") and "preview" not in self.data:
            self.add_error("contest", _("Pilih kontestasi: bentuk pelanggaran bergantung pada tanggal penetapan "
                                        "calonnya. Gunakan pratinjau untuk melihat hasil tiap kontestasi."))
        return data

    def preview(self) -> dict:
        """What the service would derive, without writing: the applied form and proposed sanction,
        for the named contest or, when none is named, for each race the act may concern."""
        d = self.cleaned_data
        contests = [d["contest"]] if d.get("contest") else contest_options(d["conduct_date"], self.case.region)
        outcomes = []
        for contest in contests:
            applied = rules.classify(d["violation"], d["conduct_date"], contest)
            outcomes.append({"contest": contest, "applied": applied, "proposed": applied.default_sanction,
                             "determination": contest.candidate_determination_date})
        return {"named": d["violation"], "outcomes": outcomes, "unknown_contest": not d.get("contest")}


class RecommendForm(ActionForm):
    number = forms.CharField(label=_("Nomor rekomendasi"), max_length=120)
    issued_on = forms.DateField(
        label=_("Tanggal surat rekomendasi"), widget=DATE_WIDGET,
        help_text=_("Tanggal yang tertera pada surat, bukan tanggal dicatat. Batas 14 hari kerja PPK dihitung dari "
                    "tanggal ini."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["issued_on"] = timezone.localdate()
    reason = forms.CharField(label=_("Catatan kajian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PpkSanctionField(forms.ModelChoiceField):
    """Sanctions a PPK imposes: moral sanctions and disciplinary penalties, never a criminal penalty
    (that is for the courts); shown as radio buttons so long names are read in full."""

    widget = forms.RadioSelect

    def label_from_instance(self, obj):
        return f"{obj.get_level_display()}: {obj.name}"


class DecisionForm(ActionForm):
    sanction = PpkSanctionField(label=_("Sanksi yang dijatuhkan"), empty_label=None,
                                queryset=SanctionType.objects.exclude(level=SanctionType.Level.CRIMINAL))
    number = forms.CharField(label=_("Nomor SK PPK"), max_length=120)
    decision_date = forms.DateField(label=_("Tanggal SK"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Alasan (wajib bila berbeda dari rekomendasi)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["sanction"] = self.case.recommended_sanction_id


def dismissals_for(user, case: Case) -> list[tuple[str, str]]:
    """The outcomes this user may end this case on now, each labelled as the table names its step."""
    return [(step.outcome, step.action_label) for step in services.dismissal_steps(user, case)]


class DismissForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Hasil"))
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every outcome is accepted on POST so the service, not the form, refuses a wrong one.
        offered = dismissals_for(self.user, self.case)
        self.fields["outcome"].choices = offered if not self.is_bound else [
            (o, str(label)) for o, label in S.choices if o in services.DISMISSALS]


class MergeForm(ActionForm):
    duplicate = forms.CharField(label=_("Kode kasus duplikat"), max_length=20,
                                help_text=_("Laporan kasus itu dipindah ke kasus ini; kasus itu ditutup sebagai "
                                            "'digabung'."))
    reason = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_duplicate(self):
        from .access import visible_cases

        code = self.cleaned_data["duplicate"].strip().upper()
        other = visible_cases(self.user).filter(code=code).first()
        if other is None:
            raise forms.ValidationError(_("Kasus dengan kode ini tidak ditemukan."))
        self.cleaned_data["duplicate_case"] = other
        return code


def _desk_users():
    return (get_user_model().objects.filter(is_active=True)
            .filter(groups__name__in=[str(r) for r in CASE_DESK_ROLES]).distinct().order_by("username"))


class AssignForm(ActionForm):
    assignee = forms.ModelChoiceField(label=_("Petugas"), queryset=get_user_model().objects.none(), required=False,
                                      help_text=_("Kosongkan untuk melepas penugasan."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _desk_users()
        if not self.is_bound:
            self.initial["assignee"] = self.case.assigned_to_id


def _is_ppk_for(user, case) -> bool:
    """A PPK-only officer acts for their own government; verifiers and admins are not limited."""
    if has_role(user, Role.VERIFIER, Role.ADMIN):
        return True
    return services.can_act_as_ppk(user, case)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form_class: type[ActionForm]
    roles: tuple
    statuses: tuple
    run: Callable
    extra_check: Callable | None = None
    danger: bool = False

    def offered_to(self, user, case: Case) -> bool:
        if case.status not in self.statuses or not has_role(user, *self.roles):
            return False
        return self.extra_check is None or self.extra_check(user, case)


# Each action's form and how the form's data reach the service. Everything else about the action
# (label, roles, stages, whether it is a side outcome) comes from the workflow table.
FORMS: dict[str, tuple[type[ActionForm], Callable]] = {
    "start_verification": (EmptyForm, lambda c, u, d: services.start_verification(c, u)),
    "link_employee": (LinkEmployeeForm, lambda c, u, d: services.link_employee(c, u, d["employee"])),
    "set_agency": (SetAgencyForm, lambda c, u, d: services.set_agency(c, u, d["agency"], reason=d["reason"])),
    "classify": (ClassifyForm, lambda c, u, d: services.classify(
        c, u, violation=d["violation"], contest=d["contest"], sanction=d["sanction"], reason=d["reason"],
        conduct_date=d["conduct_date"])),
    "forward_to_bawaslu": (OptionalReasonForm, lambda c, u, d: services.forward_to_bawaslu(c, u, reason=d["reason"])),
    "return_to_verification": (ReasonForm, lambda c, u, d: services.return_to_verification(c, u, d["reason"])),
    "recommend": (RecommendForm, lambda c, u, d: services.recommend(c, u, number=d["number"], issued_on=d["issued_on"],
                                                                    reason=d["reason"])),
    "record_ppk_decision": (DecisionForm, lambda c, u, d: services.record_ppk_decision(
        c, u, sanction=d["sanction"], number=d["number"], decision_date=d["decision_date"], reason=d["reason"])),
    "close_case": (OptionalReasonForm, lambda c, u, d: services.close_case(c, u, reason=d["reason"])),
    "merge_cases": (MergeForm, lambda c, u, d: services.merge_cases(c, d["duplicate_case"], u, reason=d["reason"])),
    "assign": (AssignForm, lambda c, u, d: services.assign(c, u, d["assignee"])),
    "dismiss": (DismissForm, lambda c, u, d: services.dismiss(c, u, d["outcome"], d["reason"])),
    "mark_employee_exited": (EmployeeExitedForm, lambda c, u, d: services.mark_employee_exited(
        c, u, d["reason"], decision_reference=d["decision_reference"])),
}
DISMISS_LABEL = _("Hentikan tanpa sanksi")


def _action(name: str) -> Action:
    steps = workflow.transitions_for(name)
    form_class, run = FORMS[name]
    roles = tuple(dict.fromkeys(role for step in steps for role in step.roles))
    statuses = tuple(s for s in S.values if any(s in step.sources for step in steps))
    extra_check = None
    if name == "dismiss":
        extra_check = lambda u, c: bool(dismissals_for(u, c))  # noqa: E731
    elif any(step.ppk_scoped for step in steps):
        # Where a verifier may also take the step, only PPK-only officers are limited.
        extra_check = _is_ppk_for if Role.VERIFIER in roles else services.can_act_as_ppk
    label = DISMISS_LABEL if name == "dismiss" else steps[0].action_label
    return Action(name, label, form_class, roles, statuses, run, extra_check=extra_check,
                  danger=any(step.danger for step in steps))


ACTIONS = [_action(name) for name in workflow.action_names()]
BY_NAME = {a.name: a for a in ACTIONS}


def offered(user, case: Case) -> list[Action]:
    return [a for a in ACTIONS if a.offered_to(user, case)]
