"""Dashboard and lists against data size (issue 14): are the staff pages flat from 1k to 1M cases?

    NETRA_PG_PORT=58100 .venv/bin/python benchmarks/dashboard.py [--sizes 1000,1000000] [--requests 20]

Without a PostgreSQL DATABASE_URL it re-runs itself under scripts/with-postgres.sh, so it always
has its own throw-away server. It migrates, loads the reference data and then, for each size in
increasing order, tops the case table up to that many cases with one `INSERT ... SELECT` over
`generate_series` per table (cases, their first report, their intake event; the ORM would take
hours for a million). The cases are spread over the active regencies/cities, the 160 agencies
(mostly of the region where the conduct happened), the violation types, sanctions and contests and
two years of opening dates; old cases are mostly finished, recent ones mostly open, a few PPK
follow-ups are overdue, as in an election year. The event chain is not valid for these rows
(the hashes are placeholders): the benchmark measures reading, not `verify_events`.

After loading, `netra rebuild_tallies` (when the project has it) and ANALYZE. Each page is then
requested in process with Django's test client, ~20 times after one warm-up request:

- `dashboard_admin`: the staff dashboard as an admin; `dashboard_ppk`: as a PPK officer acting for
  one government (the scoped case);
- `transparency`: the public page as served (cached for NETRA_PUBLIC_STATS_SECONDS), and
  `transparency_uncached`: the same with the cache cleared before every request;
- `case_list`: the desk list with two filters (open cases, one region) and a name search, as a
  verifier; `case_code_search`: the list searched by a case code;
- `api_cases`: `GET /api/v1/cases/` (first page) as a verifier.

The last line is one JSON object: `p50_ms`/`p95_ms` per size and page, `queries` per page and size,
`ratio` (the worst page's p95 at the largest size ÷ its p95 at the smallest), `worst_page`,
`load_seconds` per size and `machine` (cpu count, load average before and after).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = ["Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gunawan", "Hadi", "Indah", "Joko", "Kartika",
         "Lestari", "Maya", "Nur", "Oki", "Putri", "Rahmat", "Sari", "Taufik", "Utami", "Wahyu", "Yuni",
         "Zainal", "Agus", "Bambang", "Dian", "Fajar", "Hendra", "Irwan", "Rina"]
LAST = ["Saputra", "Wijaya", "Hidayat", "Kusuma", "Pratama", "Santoso", "Nugroho", "Siregar", "Harahap",
        "Lubis", "Tanjung", "Setiawan", "Gunadi", "Rahman", "Syahputra", "Halim", "Susanto", "Purnomo",
        "Wibowo", "Firmansyah", "Ramadhan", "Hakim", "Mulyadi", "Suryadi", "Effendi", "Maulana", "Akbar",
        "Fauzi", "Anwar", "Darmawan"]
SEARCH_TERM = "Siregar"

# Status of a case by age: (status, weight) for cases opened more than 60 days ago, and for newer ones.
OLD_MIX = [("closed", 45), ("not_proven", 14), ("rejected", 15), ("cancelled", 5), ("merged", 5),
           ("employee_exited", 2), ("ppk_decided", 8), ("recommended", 6)]
NEW_MIX = [("received", 20), ("verification", 28), ("bawaslu_review", 18), ("recommended", 14),
           ("ppk_decided", 5), ("closed", 7), ("rejected", 5), ("not_proven", 3)]


def _status_case_sql(mix: list[tuple[str, int]], roll: str) -> str:
    total, parts, upto = sum(w for _, w in mix), [], 0
    for status, weight in mix:
        upto += weight
        parts.append(f"WHEN {roll} < {upto / total:.4f} THEN '{status}'")
    return "CASE " + " ".join(parts[:-1]) + f" ELSE '{mix[-1][0]}' END"


def load_cases(cursor, start: int, stop: int, ref: dict) -> None:
    """Cases start..stop-1, their reports and intake events, in three INSERT ... SELECT statements."""
    cursor.execute("SELECT setseed(%s)", [(start % 1000) / 1000.0])
    cursor.execute("DROP TABLE IF EXISTS bench_new")
    # One row per new case with every random choice made once, so the tables below agree.
    cursor.execute(f"""
        CREATE TEMP TABLE bench_new AS
        SELECT i, opened, roll, reg, ag, vio, san, con, fn, ln,
               CASE WHEN now() - opened > interval '60 days' THEN {_status_case_sql(OLD_MIX, 'roll')}
                    ELSE {_status_case_sql(NEW_MIX, 'roll')} END AS status
        FROM (
          SELECT i,
                 now() - (random() ^ 1.6) * interval '730 days' AS opened,
                 random() AS roll,
                 1 + floor(random() * %(nreg)s)::int AS reg,
                 random() AS ag,
                 1 + floor(random() * %(nvio)s)::int AS vio,
                 1 + floor(random() * %(nsan)s)::int AS san,
                 1 + floor(random() * %(ncon)s)::int AS con,
                 1 + floor(random() * %(nfirst)s)::int AS fn,
                 1 + floor(random() * %(nlast)s)::int AS ln
          FROM generate_series(%(start)s, %(stop)s - 1) AS i
        ) AS r""", {"start": start, "stop": stop, "nreg": len(ref["regions"]), "nvio": len(ref["violations"]),
                   "nsan": len(ref["sanctions"]), "ncon": len(ref["contests"]), "nfirst": len(FIRST),
                   "nlast": len(LAST)})
    cursor.execute("""
        INSERT INTO cases_case (code, status, opened_at, stage_started_at, due_date, subject_name, agency_id,
            region_id, conduct_date, information_only, contest_id, violation_id, recommended_sanction_id,
            decided_sanction_id, sanction_override_reason, recommendation_number, recommended_on,
            decision_number, decision_date, escalation, closed_at)
        SELECT 'KSS-B' || lpad(i::text, 8, '0'), n.status, n.opened, n.opened + interval '3 days',
               CASE WHEN n.status IN ('received', 'verification') THEN (n.opened + interval '7 days')::date
                    WHEN n.status = 'bawaslu_review' THEN (n.opened + interval '17 days')::date
                    WHEN n.status = 'recommended' THEN (n.opened + interval '31 days')::date END,
               (%(first)s::text[])[n.fn] || ' ' || (%(last)s::text[])[n.ln],
               -- four in five agencies belong to the region where the conduct happened
               CASE WHEN n.ag < 0.8 THEN (%(reg_agencies)s::int[])[n.reg][1 + floor(n.ag / 0.8 * %(per)s)::int]
                    ELSE (%(agencies)s::int[])[1 + floor((n.ag - 0.8) / 0.2 * %(nag)s)::int] END,
               (%(regions)s::int[])[n.reg], (n.opened - interval '2 days')::date, n.roll < 0.04,
               CASE WHEN n.roll < 0.9 THEN (%(contests)s::int[])[n.con] END,
               CASE WHEN n.status NOT IN ('received', 'verification', 'rejected', 'cancelled')
                    THEN (%(violations)s::int[])[n.vio] END,
               CASE WHEN n.status IN ('recommended', 'ppk_decided', 'closed') THEN (%(sanctions)s::int[])[n.san] END,
               CASE WHEN n.status IN ('ppk_decided', 'closed') THEN (%(sanctions)s::int[])[n.san] END,
               '', CASE WHEN n.status IN ('recommended', 'ppk_decided', 'closed') THEN 'REK/' || i ELSE '' END,
               CASE WHEN n.status IN ('recommended', 'ppk_decided', 'closed')
                    THEN (n.opened + interval '17 days')::date END,
               CASE WHEN n.status IN ('ppk_decided', 'closed') THEN 'SK/' || i ELSE '' END,
               CASE WHEN n.status IN ('ppk_decided', 'closed')
                    THEN (n.opened + (25 + floor(n.roll * 1000)::int %% 12) * interval '1 day')::date END,
               'none',
               CASE WHEN n.status NOT IN ('received', 'verification', 'bawaslu_review', 'recommended', 'ppk_decided')
                    THEN n.opened + interval '40 days' END
        FROM bench_new n ORDER BY i""", {
        "first": FIRST, "last": LAST, "regions": ref["regions"], "agencies": ref["agencies"],
        "reg_agencies": ref["reg_agencies"], "per": ref["per_region"], "nag": len(ref["agencies"]),
        "contests": ref["contests"], "violations": ref["violations"], "sanctions": ref["sanctions"]})
    cursor.execute("""
        INSERT INTO cases_report (tracking_code, received_at, channel, is_anonymous, identity_encrypted, subject_name,
            subject_agency_text, subject_nip, subject_position, region_id, location, conduct_date, known_date,
            within_window, description, chronology, links, case_id)
        SELECT 'NTR-B' || lpad(substr(c.code, 6), 8, '0'), c.opened_at, 'web', true, '', c.subject_name, '', '', '',
               c.region_id, '', c.conduct_date, c.conduct_date, NOT c.information_only,
               'Laporan uji beban', '', '[]'::jsonb, c.id
        FROM cases_case c WHERE c.code >= %s AND c.code < %s""",
                   ["KSS-B" + str(start).zfill(8), "KSS-B" + str(stop).zfill(8)])
    cursor.execute("""
        INSERT INTO cases_caseevent (case_id, at, actor_label, kind, from_status, to_status, reason, data,
            prev_hash, hash)
        SELECT c.id, c.opened_at, 'pelapor', 'received', '', 'received', '', '{}'::jsonb, '', md5(c.code)
        FROM cases_case c WHERE c.code >= %s AND c.code < %s""",
                   ["KSS-B" + str(start).zfill(8), "KSS-B" + str(stop).zfill(8)])


def reference(cursor) -> dict:
    from netra.registry.models import Agency, Region
    from netra.rules.models import Contest, SanctionType, ViolationType

    regions = list(Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY], is_active=True)
                   .order_by("code").values_list("pk", flat=True))
    agencies = list(Agency.objects.filter(is_active=True).order_by("pk").values_list("pk", "region_id"))
    by_region = {r: [a for a, ar in agencies if ar == r] for r in regions}
    per = min(len(v) for v in by_region.values() if v)
    # A rectangular array for SQL: each region's first `per` agencies (a region without any gets any).
    reg_agencies = [(by_region[r] or [a for a, _ in agencies])[:per] for r in regions]
    return {
        "regions": regions, "agencies": [a for a, _ in agencies], "reg_agencies": reg_agencies, "per_region": per,
        "violations": list(ViolationType.objects.order_by("pk").values_list("pk", flat=True)),
        "sanctions": list(SanctionType.objects.order_by("pk").values_list("pk", flat=True)),
        "contests": list(Contest.objects.order_by("pk").values_list("pk", flat=True)),
    }


def users() -> dict:
    from django.contrib.auth.models import Group, User

    from netra.accounts.models import StaffProfile
    from netra.registry.models import Region

    made = {}
    for name, role in (("bench-admin", "admin"), ("bench-verifier", "verifier"), ("bench-ppk", "ppk")):
        user, _ = User.objects.get_or_create(username=name, defaults={"is_staff": role == "admin"})
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        made[role] = user
    government = (Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY], is_active=True)
                  .order_by("code").first())
    StaffProfile.objects.update_or_create(user=made["ppk"], defaults={"government": government})
    return made


def pages(region_code: str, case_code: str) -> dict:
    return {
        "dashboard_admin": ("admin", "/desk/dasbor/"),
        "dashboard_ppk": ("ppk", "/desk/dasbor/"),
        "transparency": (None, "/transparansi/"),
        "transparency_uncached": (None, "/transparansi/"),
        "case_list": ("verifier", f"/desk/kasus/?status=open&region={region_code}&q={SEARCH_TERM}"),
        "case_code_search": ("verifier", f"/desk/kasus/?q={case_code}"),
        "api_cases": ("verifier", "/api/v1/cases/"),
    }


def measure(clients: dict, page_list: dict, requests: int) -> dict:
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    out = {}
    cache.clear()
    for name, (who, url) in page_list.items():
        client = clients[who]
        times = []
        queries = 0
        for i in range(requests + 1):
            if name == "transparency_uncached":
                cache.clear()
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - t0) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            if i == 0:
                queries = len(captured.captured_queries)
                continue  # warm-up
            if i == requests:  # where the time goes: the slowest queries of the last request
                slow = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
                for q in slow:
                    print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:160]}", flush=True)
            times.append(elapsed)
        times.sort()
        out[name] = {"p50_ms": round(statistics.median(times), 1),
                     "p95_ms": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 1),
                     "queries": queries}
        print(f"  {name}: {out[name]}", flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,1000000", help="comma-separated case counts, increasing")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page and size")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        script = str(ROOT / "scripts" / "with-postgres.sh")
        os.execvp(script, [script, sys.executable, __file__, *sys.argv[1:]])

    from cryptography.fernet import Fernet

    var = Path(tempfile.mkdtemp(prefix="netra-dash-"))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "netra.settings", "DEBUG": "0", "NETRA_TESTING": "", "NETRA_VAR_DIR": str(var),
        "SECRET_KEY": "dash-" + "k" * 50, "NETRA_IDENTITY_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING", "DATABASE_CONN_MAX_AGE": "600",
    })
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    started = time.time()
    load_before = [round(x, 2) for x in os.getloadavg()]
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # DEBUG off: hashed static names
    made = users()
    clients = {None: Client()}
    for role, user in made.items():
        clients[role] = Client()
        clients[role].force_login(user)
    from netra.registry.models import Region

    region_code = (Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY], is_active=True)
                   .order_by("code").values_list("code", flat=True)[1])

    result: dict = {"sizes": sizes, "requests": args.requests, "p95_ms": {}, "p50_ms": {}, "queries": {},
                    "load_seconds": {}, "tally_rows": {}}
    loaded = 0
    with connection.cursor() as cursor:
        ref = reference(cursor)
        for size in sizes:
            t0 = time.time()
            step = 200_000
            for start in range(loaded, size, step):
                load_cases(cursor, start, min(size, start + step), ref)
                print(f"loaded {min(size, start + step)} cases ({time.time() - t0:.0f} s)", flush=True)
            loaded = size
            try:
                call_command("rebuild_tallies", verbosity=0)
            except Exception as exc:  # noqa: BLE001 - an older tree without tallies is measured as it is
                if "Unknown command" not in str(exc):
                    raise
            cursor.execute("VACUUM ANALYZE")
            result["load_seconds"][size] = round(time.time() - t0, 1)
            try:
                cursor.execute("SELECT count(*) FROM cases_casetally")
                result["tally_rows"][size] = cursor.fetchone()[0]
            except Exception:  # noqa: BLE001
                connection.rollback() if not connection.get_autocommit() else None
            cursor.execute("SELECT code FROM cases_case ORDER BY id DESC LIMIT 1 OFFSET %s", [size // 2])
            case_code = cursor.fetchone()[0]
            print(f"size {size}:", flush=True)
            figures = measure(clients, pages(region_code, case_code), args.requests)
            result["p95_ms"][size] = {k: v["p95_ms"] for k, v in figures.items()}
            result["p50_ms"][size] = {k: v["p50_ms"] for k, v in figures.items()}
            result["queries"][size] = {k: v["queries"] for k, v in figures.items()}
    small, large = sizes[0], sizes[-1]
    ratios = {page: round(result["p95_ms"][large][page] / max(result["p95_ms"][small][page], 0.1), 2)
              for page in result["p95_ms"][large]}
    worst = max(ratios, key=ratios.get)
    result.update({"ratios": ratios, "ratio": ratios[worst], "worst_page": worst,
                   "seconds": round(time.time() - started, 1),
                   "machine": {"cpus": os.cpu_count(), "load_average_before": load_before,
                               "load_average_after": [round(x, 2) for x in os.getloadavg()]}})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
