"""A realistic demo data set, built only through the real service functions.

Deterministic (fixed seed) so that screenshots and manual checks are repeatable. Nothing here
writes a case row directly: reports go through `submit_report` and every later step through the
workflow services, so the demo also exercises the legal clock and the event log.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from netra.accounts.models import StaffProfile
from netra.cases import services
from netra.cases.models import CaseStatus, Report
from netra.core.roles import Role
from netra.registry.models import Agency, Employee, Region
from netra.rules import workdays
from netra.rules.models import Contest, SanctionType, ViolationType

DEMO_PASSWORD = "netra-demo-2024"
WITA = dt.timezone(dt.timedelta(hours=8))

FIRST = ["Budi", "Siti", "Ahmad", "Dewi", "Rahmat", "Nur", "Agus", "Sri", "Hendra", "Rina", "Yusuf", "Fitri",
         "Andi", "Wahyu", "Lestari", "Bambang", "Ratna", "Fajar", "Indah", "Hasan", "Maya", "Dedi", "Ayu",
         "Syahrani", "Irwan", "Novita", "Samsul", "Yohana", "Petrus", "Ketut"]
LAST = ["Santoso", "Rahayu", "Hidayat", "Lestari", "Saputra", "Wijaya", "Nugroho", "Pratama", "Kurniawan",
        "Siregar", "Hakim", "Maulana", "Anggraini", "Setiawan", "Ramadhan", "Syamsuddin", "Baharuddin",
        "Lumban Gaol", "Daeng", "Aji"]
POSITIONS = ["Guru", "Analis Kebijakan", "Camat", "Lurah", "Kepala Seksi", "Pengadministrasi Umum", "Perawat",
             "Kepala Bidang", "Sekretaris Dinas", "Pranata Komputer", "Penyuluh", "Bidan"]

# (violation named by the verifier, what a reporter writes)
CONDUCT = [
    ("E2", "Mengunggah ajakan memilih {target} di akun Facebook pribadi dengan tagar kampanye."),
    ("E4", "Membagikan ulang unggahan akun tim pemenangan {target} dan memberi komentar dukungan."),
    ("E5", "Mengunggah foto bersama {target} sambil berpose salam {number} jari."),
    ("E3", "Hadir di deklarasi dukungan {target} dan ikut meneriakkan yel-yel."),
    ("E6", "Ikut acara sosialisasi {target} di balai warga pada jam kerja."),
    ("E1", "Memasang baliho {target} di pagar rumah dinas."),
    ("D8", "Mengumpulkan staf di kantor dan mengimbau memilih {target}, sambil membagikan kalender bergambar calon."),
    ("D12", "Mempercepat penyaluran bantuan ke kelurahan basis {target} menjelang pemungutan suara."),
    ("D11", "Mengumpulkan fotokopi KTP warga untuk dukungan calon perseorangan."),
    ("D5", "Tercatat sebagai pengurus partai di tingkat kabupaten."),
    ("D10", "Menjadi anggota tim pemenangan {target} yang terdaftar di KPU."),
]
TARGETS = {
    "Pemilu 2024": [("paslon 01 Anies–Muhaimin", 1), ("paslon 02 Prabowo–Gibran", 2), ("paslon 03 Ganjar–Mahfud", 3)],
    "Pilkada 2024": [("pasangan calon nomor 1", 1), ("pasangan calon nomor 2", 2)],
}
# Campaign windows (conduct dates are drawn here) and where cases should stop.
PERIODS = [("Pemilu 2024", dt.date(2023, 9, 1), dt.date(2024, 2, 13)),
           ("Pilkada 2024", dt.date(2024, 6, 1), dt.date(2024, 11, 26))]
OUTCOME_WEIGHTS = [("received", 6), ("verification", 8), ("bawaslu_review", 6), ("recommended", 22),
                   ("ppk_decided", 10), ("closed", 26), ("not_proven", 10), ("rejected", 6), ("cancelled", 2),
                   ("employee_exited", 2), ("duplicate", 6)]

STAFF = [
    ("verifikator", Role.VERIFIER, None), ("verifikator2", Role.VERIFIER, None),
    ("bawaslu", Role.BAWASLU, None), ("pimpinan", Role.SUPERVISOR, None), ("pemantau", Role.MONITOR, None),
    ("pelatih", Role.TRAINER, None), ("ppk_kaltim", Role.PPK, "64"), ("ppk_samarinda", Role.PPK, "64.72"),
    ("ppk_balikpapan", Role.PPK, "64.71"), ("ppk_kukar", Role.PPK, "64.02"), ("asn", Role.ASN, None),
]


def valid_nip(rng: random.Random, sequence: int) -> str:
    birth = dt.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
    year = min(birth.year + rng.randint(22, 30), 2023)
    return f"{birth:%Y%m%d}{year}{rng.randint(1, 12):02d}{rng.choice('12')}{sequence % 999 + 1:03d}"


class Clock:
    """Office-hours moments that never go backwards, so each case's events stay in order."""

    def __init__(self):
        self.last = None

    def __call__(self, day: dt.date, rng: random.Random) -> dt.datetime:
        moment = dt.datetime(day.year, day.month, day.day, rng.randint(8, 15), rng.randint(0, 59), tzinfo=WITA)
        if self.last is not None and moment <= self.last:
            moment = self.last + dt.timedelta(minutes=rng.randint(5, 90))
        self.last = moment
        return moment


_moment = Clock()


def ensure_staff() -> dict[str, User]:
    users = {}
    for username, role, gov in STAFF:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": username.title()})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name=str(role))[0])
        if gov:
            StaffProfile.objects.update_or_create(user=user, defaults={"government": Region.objects.get(code=gov)})
        users[username] = user
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@netra.local", DEMO_PASSWORD)
    users["admin"] = User.objects.get(username="admin")
    return users


def ensure_employees(rng: random.Random, count: int = 320) -> list[Employee]:
    agencies = list(Agency.objects.select_related("region"))
    existing = list(Employee.objects.all())
    for i in range(len(existing), count):
        agency = rng.choice(agencies)
        kind = "PPPK" if rng.random() < 0.2 else "PNS"
        nip = valid_nip(rng, i)
        if kind == "PPPK":
            nip = nip[:8] + str(rng.randint(2021, 2025)) + rng.choice(["01", "02", "24"]) + nip[14:]
        existing.append(Employee.objects.create(
            employee_type=kind, nip=nip, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", agency=agency,
            position=rng.choice(POSITIONS), region=agency.region if agency.region.kind != "province"
            else Region.objects.get(code="64.72")))
    return existing


@dataclass
class Plan:
    employee: Employee
    conduct: dt.date
    received: dt.date
    election: str
    violation: str
    text: str
    outcome: str


def _contest_for(election: str, employee: Employee) -> Contest:
    if election == "Pemilu 2024":
        return Contest.objects.get(code="pilpres-2024")
    region = employee.agency.region
    local = Contest.objects.filter(election=election, region=region).first()
    return local or Contest.objects.get(code="pilgub-kaltim-2024")


def _advance(report: Report, plan: Plan, users: dict, rng: random.Random) -> None:
    """Walk one case along the workflow up to its planned outcome, with plausible dates."""
    case = report.case
    _moment.last = case.events.last().at
    verifier = users[rng.choice(["verifikator", "verifikator2"])]
    outcome = plan.outcome
    if outcome == "received":
        return
    if outcome == "rejected":
        services.dismiss(case, verifier, CaseStatus.REJECTED, "Terlapor bukan ASN (tenaga honorer).",
                         at=_moment(plan.received + dt.timedelta(days=2), rng))
        return
    day = plan.received + dt.timedelta(days=rng.randint(0, 2))
    services.start_verification(case, verifier, at=_moment(day, rng))
    if plan.employee:
        services.link_employee(case, verifier, plan.employee, at=_moment(day, rng))
    if outcome == "verification":
        return
    if outcome == "employee_exited":
        services.mark_employee_exited(case, verifier, "SK pensiun diterbitkan sebelum pemeriksaan.",
                                      decision_reference=f"800/{rng.randint(100, 999)}/BKPSDM/{day:%Y}",
                                      at=_moment(day + dt.timedelta(days=3), rng))
        return
    day += dt.timedelta(days=rng.randint(1, 5))
    services.classify(case, verifier, violation=ViolationType.objects.get(code=plan.violation),
                      contest=_contest_for(plan.election, plan.employee), at=_moment(day, rng))
    if outcome == "not_proven" and rng.random() < 0.5:
        services.dismiss(case, verifier, CaseStatus.NOT_PROVEN, "Bukti tidak menunjukkan keberpihakan.",
                         at=_moment(day, rng))
        return
    services.forward_to_bawaslu(case, verifier, at=_moment(day, rng))
    if outcome == "bawaslu_review":
        return
    day = workdays.add_working_days(day, rng.randint(1, 3))
    if outcome == "not_proven":
        services.dismiss(case, users["bawaslu"], CaseStatus.NOT_PROVEN, "Hasil kajian: tidak terbukti.",
                         at=_moment(day, rng))
        return
    if outcome == "cancelled":
        services.dismiss(case, users["bawaslu"], CaseStatus.CANCELLED, "Laporan dicabut; tidak ada temuan.",
                         at=_moment(day, rng))
        return
    services.recommend(case, users["bawaslu"], number=f"{rng.randint(1, 999):03d}/REK/{day:%m}/{day:%Y}",
                       at=_moment(day, rng))
    if outcome == "recommended":
        return
    case.refresh_from_db()
    ppk = users["admin"]
    for username in ("ppk_kaltim", "ppk_samarinda", "ppk_balikpapan", "ppk_kukar"):
        if services.can_act_as_ppk(users[username], case):
            ppk = users[username]
    late = rng.random() < 0.25
    decided = workdays.add_working_days(day, rng.randint(15, 25) if late else rng.randint(3, 13))
    sanction = case.recommended_sanction
    reason = ""
    if rng.random() < 0.15 and sanction.level == "heavy":
        sanction, reason = SanctionType.objects.get(code="sedang-tukin-12"), "Pertimbangan PPK: pelanggaran pertama."
    services.record_ppk_decision(case, ppk, sanction=sanction, number=f"800/{rng.randint(100, 999)}/BKPSDM",
                                 decision_date=decided, reason=reason, at=_moment(decided, rng))
    if outcome == "closed":
        services.close_case(case, verifier, at=_moment(decided + dt.timedelta(days=rng.randint(1, 6)), rng))


def _report_input(plan: Plan, rng: random.Random, subject_known: bool) -> services.ReportInput:
    emp = plan.employee
    anonymous = rng.random() < 0.6
    return services.ReportInput(
        subject_name=emp.name, subject_agency_text=emp.agency.name if rng.random() < 0.8 else "",
        agency=emp.agency if rng.random() < 0.5 else None, subject_nip=emp.nip if subject_known else "",
        subject_position=emp.position, region=emp.region, location=rng.choice(
            ["Facebook", "Instagram", "grup WhatsApp kantor", "lapangan kecamatan", "balai desa", "TikTok"]),
        conduct_date=plan.conduct, known_date=min(plan.conduct + dt.timedelta(days=rng.randint(0, 1)), plan.received),
        description=plan.text, links=[f"https://contoh.example/unggahan/{rng.randint(10000, 99999)}"]
        if rng.random() < 0.7 else [], is_anonymous=anonymous,
        reporter_name="" if anonymous else f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        reporter_email="" if anonymous else f"pelapor{rng.randint(1, 9999)}@contoh.example",
        channel=rng.choice([Report.Channel.WEB, Report.Channel.WEB, Report.Channel.API]),
    )


def seed(reports: int = 220, seed_value: int = 2024) -> dict:
    rng = random.Random(seed_value)
    users = ensure_staff()
    employees = ensure_employees(rng)
    if Report.objects.exists():
        return {"created": 0, "skipped": True}
    created = 0
    outcomes = [o for o, _w in OUTCOME_WEIGHTS]
    weights = [w for _o, w in OUTCOME_WEIGHTS]
    for _ in range(reports):
        election, start, end = rng.choice(PERIODS)
        conduct = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        late = rng.random() < 0.08
        received = conduct + dt.timedelta(days=rng.randint(9, 20) if late else rng.randint(0, 6))
        named, template = rng.choice(CONDUCT)
        target, number = rng.choice(TARGETS[election])
        outcome = rng.choices(outcomes, weights)[0]
        duplicate = outcome == "duplicate"
        if duplicate:  # the same event reported twice; the copy is merged, the case then runs on
            outcome = rng.choice(["verification", "recommended", "closed", "not_proven"])
        plan = Plan(rng.choice(employees), conduct, received, election, named,
                    template.format(target=target, number=number), outcome)
        _moment.last = None
        with transaction.atomic():
            report = services.submit_report(_report_input(plan, rng, rng.random() < 0.55),
                                            at=_moment(plan.received, rng))
            if duplicate:
                copy = services.submit_report(_report_input(plan, rng, False),
                                              at=_moment(plan.received, rng) + dt.timedelta(hours=2))
                services.merge_cases(report.case, copy.case, users["verifikator"],
                                     reason="Laporan lain tentang orang dan kejadian yang sama.",
                                     at=_moment(plan.received, rng) + dt.timedelta(hours=3))
                created += 1
                report.refresh_from_db()
            _advance(report, plan, users, rng)
        created += 1
    # A few fresh reports so the queues have work that is not overdue.
    for i in range(8):
        emp = rng.choice(employees)
        when = timezone.now() - dt.timedelta(hours=i + 1)
        conduct = timezone.localdate(when) - dt.timedelta(days=rng.randint(0, 4))
        plan = Plan(emp, conduct, timezone.localdate(when), "Pilkada 2024", "D3",
                    "Mendaftar penjaringan bakal calon kepala daerah di kantor partai tanpa cuti.", "received")
        report = services.submit_report(_report_input(plan, rng, True), at=when)
        if i % 2:
            services.start_verification(report.case, users["verifikator"], at=timezone.now())
        created += 1
    escalated = services.escalate_overdue()
    _seed_other_apps()
    return {"created": created, "escalated": len(escalated), "skipped": False}


def _seed_other_apps() -> None:
    """Prevention and monitoring demo data, each app through its own services."""
    from netra.learning.demo import seed_learning_demo
    from netra.monitoring import demo as monitoring_demo

    asn_user = User.objects.get(username="asn")
    if not hasattr(asn_user, "employee"):
        employee = Employee.objects.filter(user__isnull=True, status=Employee.Status.ACTIVE).order_by("pk").first()
        employee.user = asn_user
        employee.save(update_fields=["user"])
    seed_learning_demo()
    # Screening the demo posts happens in the 2024 Pilkada campaign, so the forms are the D forms.
    monitoring_demo.seed(dt.datetime(2024, 11, 20, 12, 0, tzinfo=WITA))
