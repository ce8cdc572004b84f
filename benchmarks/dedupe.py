"""Duplicate-suggestion benchmark (issue 14): one new report and the full sweep at 10k and 100k cases.

    NETRA_PG_PORT=58120 .venv/bin/python benchmarks/dedupe.py [--sizes 10000 100000] [--new-reports 20]

Without a PostgreSQL DATABASE_URL it re-runs itself under scripts/with-postgres.sh, so it always has
its own throw-away server. It migrates, loads the reference data and then, for each size in turn
(the database grows from one size to the next):

1. bulk-loads cases with one report each (COPY into a staging table, then INSERT ... SELECT, never
   the ORM row by row): realistic Indonesian names (common first names such as Muhammad, Siti, Nur;
   Banjar, Javanese, Bugis and Batak family names; honorifics "Bapak", "Hj.", "Dr." and degrees
   "S.Pd", "M.Si" on a share), a typed NIP on a quarter of the reports (most of them of a registered
   employee, then linked to the case), conduct dates over two years, the workflow's statuses in
   realistic shares (about 30 % still RECEIVED or VERIFICATION), and one in ten cases a re-report
   of an earlier one (same person, another spelling or title, a few days later);
2. rebuilds every case's blocking keys with `match_keys.rebuild_all()` (what `netra
   suggest_duplicates --rebuild` does) and runs ANALYZE;
3. submits N new reports through `services.submit_report` and times `duplicates.suggestions()` for
   each one's case (what the case page computes; median and p95 over the N);
4. times `duplicates.sweep()` over every mergeable case (best of three runs: the machine is shared).

Last line: one JSON object with `seconds` per size for each measurement, `ratio` (one new report,
largest size ÷ smallest), `sweep_ratio` (sweep, largest ÷ smallest), `machine` and the load average.
"""

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = """Muhammad Ahmad Abdul Siti Nur Sri Dewi Budi Agus Eko Hendra Rina Yuni Wahyu Andi Rudi Joko Bambang
Slamet Dian Rizki Fitri Indah Ratna Yusuf Hasan Rahmat Arif Heru Dedi Iwan Fajar Putri Ayu Wulan Lina Rini Sari
Maya Anang Utuh Galuh Aluh Syamsul Rusdi Junaidi Masrani Hairani Norhayati Rahmawati Erna Yanti Fauzi Irwan Taufik
Supriadi Samsuddin Akhmad Darmawan Suryani Mulyadi""".split()
MIDDLE = """Nur Dwi Tri Eka Adi Hadi Putra Putri Ayu Indah Rahman Hidayat Fitria Wahyuni Ramadhan Saputra""".split()
LAST = """Santoso Wijaya Saputra Hidayat Kurniawan Setiawan Pratama Nugroho Lestari Handayani Wulandari Susanto
Gunawan Hakim Syahputra Siregar Nasution Harahap Lubis Simanjuntak Ramadhan Firmansyah Hasibuan Sinaga Purba Tarigan
Sembiring Noor Abdullah Aini Kasim Mahmud Hamid Normansyah Arbain Hairudin Fahriansyah Rusmini Jamaluddin Baharuddin
Daeng Pattiasina Rasyid Syarifuddin Hasanuddin Mappasessu Tandiarrang Bangun Lumbantobing Panjaitan Halim Iskandar
Effendi Sudirman Sutrisno Wibowo Prasetyo Haryanto Suharto Kartika Permata Anggraini Safitri Maulana Hermawan""".split()
HONORIFICS = ["Bapak ", "Bpk. ", "Ibu ", "Bu ", "H. ", "Hj. ", "Dr. ", "Drs. ", "Ir. "]
DEGREES = [", S.Pd", ", S.Pd.I", ", M.Pd", ", S.Sos", ", M.Si", ", S.H.", ", M.H.", ", S.E.", ", M.M.", ", S.T.",
           ", S.Kom", ", S.Kep", ", A.Md", ", S.STP", ", M.AP"]
# Statuses in the shares of a busy season: a third still mergeable.
STATUSES = [("received", 15), ("verification", 15), ("classified", 8), ("bawaslu_review", 7), ("recommended", 5),
            ("ppk_decided", 5), ("closed", 30), ("rejected", 12), ("merged", 3)]
START = dt.date(2023, 1, 1)
DAYS = 730


def person(rng: random.Random) -> str:
    parts = [rng.choice(FIRST)]
    if rng.random() < 0.4:
        parts.append(rng.choice(MIDDLE))
    parts.append(rng.choice(LAST))
    return " ".join(parts)


def as_reported(rng: random.Random, name: str) -> str:
    """How a reporter writes a name: sometimes a title, a degree, other case or a typo."""
    if rng.random() < 0.3:
        name = rng.choice(HONORIFICS) + name
    if rng.random() < 0.3:
        name += rng.choice(DEGREES)
    roll = rng.random()
    if roll < 0.1:
        name = name.upper()
    elif roll < 0.15:
        name = name.lower()
    elif roll < 0.2 and len(name) > 6:  # one letter dropped
        i = rng.randrange(1, len(name) - 1)
        name = name[:i] + name[i + 1:]
    return name


class Loader:
    """Bulk loading through COPY into a staging table and INSERT ... SELECT from a template row, so
    every NOT NULL column of the real tables gets the value intake gives it."""

    def __init__(self, rng: random.Random):
        from netra.registry.models import Agency, Region

        self.rng = rng
        self.regions = list(Region.objects.filter(kind__in=["kabupaten", "kota"]).values_list("id", flat=True)) or \
            list(Region.objects.values_list("id", flat=True))
        self.agencies = list(Agency.objects.values_list("id", flat=True)) or [None]
        self.employees: list[tuple[int, str, str]] = []  # (id, nip, name)
        self.people: list[dict] = []  # earlier cases, for re-reports
        self.serial = 0

    def add_employees(self, n: int) -> None:
        from netra.registry.models import Employee

        start = len(self.employees)
        rows = []
        for i in range(start, start + n):
            born = START.replace(year=1965) + dt.timedelta(days=self.rng.randrange(365 * 30))
            nip = f"{born:%Y%m%d}{2000 + i % 20}{self.rng.randrange(1, 13):02d}1{i % 1000:03d}"[:18]
            rows.append(Employee(nip=nip, name=person(self.rng), agency_id=self.rng.choice(self.agencies),
                                 region_id=self.rng.choice(self.regions)))
        Employee.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
        self.employees = list(Employee.objects.order_by("id").values_list("id", "nip", "name"))

    def _columns(self, cursor, table: str) -> list[str]:
        cursor.execute("SELECT column_name FROM information_schema.columns"
                       " WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position", [table])
        return [r[0] for r in cursor.fetchall()]

    def add_cases(self, n: int, template_case: int, template_report: int) -> None:
        from django.db import connection, transaction

        statuses, weights = zip(*STATUSES, strict=True)
        buf = io.StringIO()
        for _ in range(n):
            self.serial += 1
            if self.people and self.rng.random() < 0.1:  # a re-report of an earlier case
                earlier = self.rng.choice(self.people[-5000:])
                base, employee, nip = earlier["person"], earlier["employee"], earlier["nip"]
                conduct = min(earlier["conduct"] + dt.timedelta(days=self.rng.randrange(6)), START + dt.timedelta(DAYS))
            else:
                conduct = START + dt.timedelta(days=self.rng.randrange(DAYS))
                employee, nip = None, ""
                if self.rng.random() < 0.25:  # a typed NIP, mostly of a registered employee
                    if self.rng.random() < 0.7:
                        employee, nip, base = self.rng.choice(self.employees)
                    else:
                        base, nip = person(self.rng), f"19{self.rng.randrange(10**15, 10**16)}"
                else:
                    base = person(self.rng)
                self.people.append({"person": base, "employee": employee, "nip": nip, "conduct": conduct})
            status = self.rng.choices(statuses, weights)[0]
            opened = dt.datetime.combine(conduct + dt.timedelta(days=1), dt.time(9), tzinfo=dt.UTC) + dt.timedelta(
                minutes=self.rng.randrange(600))
            fields = [f"B{self.serial:09d}", status, as_reported(self.rng, base), conduct.isoformat(),
                      opened.isoformat(), str(employee) if employee else r"\N", nip, str(self.rng.choice(self.regions)),
                      f"BT{self.serial:010d}"]
            buf.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")
        case_override = {"code": "s.code", "status": "s.status", "subject_name": "s.subject_name",
                         "conduct_date": "s.conduct_date", "opened_at": "s.opened_at",
                         "stage_started_at": "s.opened_at",
                         "employee_id": "s.employee_id", "region_id": "s.region_id", "due_date": "NULL",
                         "closed_at": "CASE WHEN s.status IN ('closed', 'rejected', 'merged') THEN s.opened_at END"}
        report_override = {"tracking_code": "s.tracking_code", "case_id": "c.id", "subject_name": "s.subject_name",
                           "subject_nip": "s.subject_nip", "employee_id": "s.employee_id", "region_id": "s.region_id",
                           "conduct_date": "s.conduct_date", "known_date": "s.conduct_date",
                           "received_at": "s.opened_at"}
        buf.seek(0)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE staging (code text, status text, subject_name text, conduct_date date,"
                           " opened_at timestamptz, employee_id bigint, subject_nip text, region_id bigint,"
                           " tracking_code text) ON COMMIT DROP")
            with cursor.cursor.copy("COPY staging FROM STDIN") as copy:
                copy.write(buf.getvalue())
            cols = self._columns(cursor, "cases_case")
            select = ", ".join(case_override.get(c, f"t.{c}") for c in cols)
            cursor.execute(f"INSERT INTO cases_case ({', '.join(cols)}) SELECT {select} FROM staging s"
                           f" CROSS JOIN cases_case t WHERE t.id = %s", [template_case])
            cols = self._columns(cursor, "cases_report")
            select = ", ".join(report_override.get(c, f"t.{c}") for c in cols)
            cursor.execute(f"INSERT INTO cases_report ({', '.join(cols)}) SELECT {select} FROM staging s"
                           f" JOIN cases_case c ON c.code = s.code CROSS JOIN cases_report t WHERE t.id = %s",
                           [template_report])


def new_report(rng: random.Random, loader: Loader, n: int):
    """A report through intake, like a reporter's: about a person already reported half of the time."""
    from netra.cases import services
    from netra.registry.models import Region

    if rng.random() < 0.5:
        earlier = rng.choice(loader.people)
        base, nip = earlier["person"], earlier["nip"]
        conduct = earlier["conduct"] + dt.timedelta(days=rng.randrange(4))
    else:
        base, nip = person(rng), ""
        conduct = START + dt.timedelta(days=rng.randrange(DAYS))
    data = services.ReportInput(subject_name=as_reported(rng, base), region=Region.objects.get(pk=rng.choice(
        loader.regions)), conduct_date=conduct, subject_nip=nip,
        description=f"Laporan beban {n}: unggahan dukungan kepada pasangan calon.")
    return services.submit_report(data, at=dt.datetime.combine(conduct + dt.timedelta(days=1), dt.time(10),
                                                                 tzinfo=dt.UTC)).case


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    mem = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {"cpu": cpu, "cpus": os.cpu_count(), "mem_gib": round(mem / 2**20, 1), "python": platform.python_version(),
            "postgresql": pg, "shared": "2-core machine shared with other sessions"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new-reports", type=int, default=20)
    parser.add_argument("--sweeps", type=int, default=3, help="sweep runs per size; the best counts (shared machine)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ.setdefault("NETRA_PG_PORT", "58120")
        script = str(ROOT / "scripts" / "with-postgres.sh")
        os.execvp(script, [script, sys.executable, __file__, *sys.argv[1:]])

    from cryptography.fernet import Fernet

    var = Path(tempfile.mkdtemp(prefix="netra-dedupe-"))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "netra.settings", "DEBUG": "0", "NETRA_TESTING": "",
                       "NETRA_VAR_DIR": str(var), "SECRET_KEY": "dedupe-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
                       "NETRA_IDENTITY_KEYS": Fernet.generate_key().decode(), "LOG_LEVEL": "WARNING"})
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from netra.cases import match_keys
    from netra.cases.models import Case, CaseMatchKey
    from netra.desk import duplicates

    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())
    rng = random.Random(args.seed)
    loader = Loader(rng)
    template = new_report(rng, _bootstrap(loader), 0)
    template_report = template.reports.get().pk
    result: dict = {"sizes": args.sizes, "new_reports": args.new_reports,
                    "load_average_before": [round(x, 2) for x in os.getloadavg()], "seconds": {}, "detail": {}}
    loaded = Case.objects.count()
    for size in sorted(args.sizes):
        started = time.perf_counter()
        loader.add_employees(max(0, size // 5 - len(loader.employees)))
        loader.add_cases(size - loaded, template.pk, template_report)
        loaded = size
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        counts = match_keys.rebuild_all()
        rebuild_s = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        one = []
        found = 0
        for n in range(args.new_reports + 1):
            case = new_report(rng, loader, n)
            t0 = time.perf_counter()
            suggested = duplicates.suggestions(case, Case.objects.all())
            elapsed = time.perf_counter() - t0
            if n:  # the first one warms the caches
                one.append(elapsed)
                found += len(suggested)
        sweeps = []
        for _ in range(args.sweeps):
            t0 = time.perf_counter()
            swept = duplicates.sweep()
            sweeps.append(time.perf_counter() - t0)
        mergeable = duplicates.mergeable_count()
        key = f"{size // 1000}k"
        result["seconds"][key] = {"one_report_median": round(statistics.median(one), 5),
                                  "one_report_p95": round(sorted(one)[int(0.95 * (len(one) - 1))], 5),
                                  "sweep": round(min(sweeps), 3)}
        result["detail"][key] = {"cases": Case.objects.count(), "mergeable": mergeable,
                                 "keys": CaseMatchKey.objects.count(), "load_s": round(load_s, 1),
                                 "rebuild_s": round(rebuild_s, 1), "rebuilt_keys": counts["created"],
                                 "new_report_suggestions": found, "swept_cases_with_suggestions": len(swept),
                                 "swept_pairs": sum(map(len, swept.values())),
                                 "sweep_runs_s": [round(s, 3) for s in sweeps],
                                 "sweep_ms_per_1k_mergeable": round(1000 * min(sweeps) / max(1, mergeable) * 1000, 1)}
        print(key, json.dumps({**result["seconds"][key], **result["detail"][key]}), flush=True)
    small, large = (f"{s // 1000}k" for s in (min(args.sizes), max(args.sizes)))
    seconds = result["seconds"]
    result["ratio"] = round(seconds[large]["one_report_median"] / seconds[small]["one_report_median"], 2)
    result["sweep_ratio"] = round(result["seconds"][large]["sweep"] / result["seconds"][small]["sweep"], 2)
    result["machine"] = machine()
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))
    return 0


def _bootstrap(loader: Loader) -> Loader:
    """The first report (the bulk load's template row) needs a person to draw from."""
    loader.people.append({"person": person(loader.rng), "employee": None, "nip": "", "conduct": START})
    return loader


if __name__ == "__main__":
    sys.exit(main())
