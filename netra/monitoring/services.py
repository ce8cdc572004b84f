"""Importing posts, screening them, and the verifier's decision on each flag.

Each state change is one function here, in one transaction. Screening runs as a Celery task:
eagerly in-process without a broker, on workers when REDIS_URL is set.
"""

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from netra.cases import services as case_services
from netra.cases.models import Report
from netra.core.permissions import FLAG_REVIEWERS, MONITORING_ROLES
from netra.core.roles import has_role
from netra.registry.models import SocialAccount

from .models import Action, Feedback, Flag, ImportBatch, LexiconEntry, Post, ScreeningResult

LABELS = ("partisan", "political_neutral", "non_political")
SCREEN_CHUNK = 500


def flag_threshold() -> float:
    """Partisan results at or above this probability open a flag (NETRA_FLAG_THRESHOLD)."""
    return settings.NETRA_FLAG_THRESHOLD


# ---------------------------------------------------------------------------------------------
# import


def _parse_when(value):
    if value in (None, ""):
        return None
    moment: dt.datetime | None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        moment = parse_datetime(str(value))
        if moment is None:
            day = parse_date(str(value))
            if day is None:
                raise ValueError(str(value))
            moment = dt.datetime(day.year, day.month, day.day, 12, 0)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _unstorable_field(row: dict) -> str:
    """The name of a text field no database can store as given (NUL; a lone UTF-16 surrogate), or "".

    PostgreSQL refuses NUL in text and no encoder accepts a lone surrogate: stored as they are they
    would fail the whole batch with a server error instead of one reported row.
    """
    for key, value in row.items():
        for text in (str(key), value):
            if isinstance(text, str) and ("\x00" in text or not _encodable(text)):
                return str(key).encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\0")[:30]
    return ""


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_row(row: dict) -> dict:
    """Check one incoming post; raise ValueError with an Indonesian message."""
    if not isinstance(row, dict):
        raise ValueError(_("baris bukan objek dengan kolom id dan text"))
    bad = _unstorable_field(row)
    if bad:
        raise ValueError(_("kolom %(field)s memuat karakter yang tidak sah (NUL atau surrogate tunggal)")
                         % {"field": bad})
    external_id = str(row.get("id") or "").strip()
    text = row.get("text")
    if not external_id:
        raise ValueError(_("kolom id kosong"))
    if not isinstance(text, str) or not text.strip():
        raise ValueError(_("kolom text kosong"))
    limit = settings.NETRA_MAX_POST_CHARS
    if len(text) > limit:
        raise ValueError(_("kolom text terlalu panjang (%(n)s karakter; paling banyak %(max)s)")
                         % {"n": len(text), "max": limit})
    action = row.get("action") or Action.POST
    if not isinstance(action, str):
        raise ValueError(_("kolom action harus berupa teks"))
    action = action.strip().lower()
    if action not in Action.values:
        raise ValueError(_("tindakan tidak dikenal: %(action)s") % {"action": action[:30]})
    try:
        posted_at = _parse_when(row.get("posted_at"))
    except (ValueError, OverflowError):
        raise ValueError(_("posted_at bukan tanggal/waktu yang sah: %(v)s") % {"v": str(row.get("posted_at"))[:40]}) \
            from None
    if posted_at is not None and posted_at > timezone.now() + dt.timedelta(days=1):
        # 9999-12-31 would sort first forever and date the post into no election.
        raise ValueError(_("posted_at di masa depan: %(v)s") % {"v": str(row.get("posted_at"))[:40]})
    url = str(row.get("url") or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise ValueError(_("url harus diawali http:// atau https://"))
    return {"external_id": external_id[:200], "text": text, "action": action, "posted_at": posted_at,
            "platform": str(row.get("platform") or "").strip().lower()[:20],
            "account_handle": str(row.get("account") or "").strip().lstrip("@")[:120], "url": url[:1000]}


def import_posts(rows, user, source: str = "", errors=()) -> ImportBatch:
    """Store the valid posts of an upload and queue them for screening.

    `rows` is an iterable of (line number, dict) pairs; `errors` are parse errors the reader found
    (line number, message). Invalid rows are reported, never fatal; a post already imported (same
    platform and id) is counted as a duplicate and kept as it was.
    """
    if user is not None and not has_role(user, *MONITORING_ROLES):
        raise PermissionDenied(_("Hanya pemantau media sosial yang dapat mengimpor unggahan."))
    now = timezone.now()
    accounts = {(a.platform, a.handle.lower()): a for a in SocialAccount.objects.filter(is_active=True)}
    report = [{"line": line, "error": message} for line, message in errors]
    with transaction.atomic():
        batch = ImportBatch.objects.create(created_by=user, source=source[:200])
        for line, row in rows:
            batch.rows += 1
            try:
                clean = clean_row(row)
            except ValueError as exc:
                report.append({"line": line, "error": str(exc)})
                continue
            account = accounts.get((clean["platform"], clean["account_handle"].lower()))
            try:
                with transaction.atomic():
                    Post.objects.create(batch=batch, account=account, captured_at=now, **clean)
            except IntegrityError:
                batch.duplicates += 1
                continue
            batch.imported += 1
        batch.rows += len(errors)
        batch.row_errors = sorted(report, key=lambda r: r["line"])[:1000]
        batch.save()
    if batch.imported:
        from .tasks import screen_batch

        transaction.on_commit(lambda: screen_batch.delay(batch.pk))
    else:
        mark_batch(batch, ImportBatch.Status.DONE)
    return batch


def mark_batch(batch: ImportBatch, status: str, error: str = "") -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(status=status, error=error[:2000],
                                                   finished_at=timezone.now() if status != "screening" else None)


# ---------------------------------------------------------------------------------------------
# screening


# Screener decision rules that make a post partisan whatever its model score: such posts are flagged
# whatever NETRA_FLAG_THRESHOLD says (a short slogan-only post, negative campaigning, campaign work,
# coded campaign material beside a voting word).
FLAG_RULES = frozenset({"bare_campaign", "rejection", "campaign_work", "coded_support"})


def _admin_lexicon_entries() -> tuple:
    return tuple(LexiconEntry.objects.filter(is_active=True).order_by("pk").values_list("pk", "updated_at"))


@lru_cache(maxsize=2)
def _screener_for(key: tuple, max_chars: int):
    from netra.screening.model import Screener

    extra = [e.entry for e in LexiconEntry.objects.filter(is_active=True).order_by("pk")]
    return Screener.load(extra_lexicon=extra or None, max_chars=max_chars)


def get_screener():
    """One screener per process, rebuilt when admins change lexicon entries."""
    return _screener_for(_admin_lexicon_entries(), settings.NETRA_SCREEN_MAX_CHARS)


def plan_parts(batch: ImportBatch, part_size: int | None = None) -> list[tuple[int, int]]:
    """The batch's unscreened posts as (first pk, last pk) ranges of at most `part_size` posts each.

    Ranges of primary keys, not lists of them: a part task's message stays small for a million
    posts, and the ranges never overlap, so every post belongs to exactly one part.
    """
    size = max(1, part_size or settings.NETRA_SCREEN_PART_SIZE)
    pks = Post.objects.filter(batch=batch, screened_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    parts: list[tuple[int, int]] = []
    first: int | None = None
    count = 0
    for pk in pks.iterator(chunk_size=10_000):
        if first is None:
            first = pk
        count += 1
        if count == size:
            parts.append((first, pk))
            first, count = None, 0
        last = pk
    if first is not None:
        parts.append((first, last))
    return parts


def screen_batch(batch_id: int) -> ImportBatch:
    """Split a batch's screening into part tasks of NETRA_SCREEN_PART_SIZE posts (netra.monitoring.tasks).

    With a broker the parts run on every Celery worker at once; without one they run here, one after
    the other. The batch is marked done by the part that screens its last post (`screen_part`).
    """
    from .tasks import screen_part

    batch = ImportBatch.objects.get(pk=batch_id)
    mark_batch(batch, ImportBatch.Status.SCREENING)
    parts = plan_parts(batch)
    if not parts:
        _finish_if_complete(batch.pk)
    for first, last in parts:
        screen_part.delay(batch.pk, first, last)
    batch.refresh_from_db()
    return batch


def screen_part(batch_id: int, first_pk: int, last_pk: int) -> int:
    """Screen the unscreened posts of one part, chunk by chunk; returns how many this call screened.

    Idempotent, so a part may run again after its worker was killed (acks_late redelivers it) or
    even run twice at once: each chunk is taken with its rows locked (others skip them), screened
    and stored in one transaction that also sets `screened_at`, and rows already screened are never
    taken again. A post therefore gets exactly one result; the one-to-one result and flag tables
    would refuse a second anyway.
    """
    batch = ImportBatch.objects.get(pk=batch_id)
    pending = Post.objects.filter(batch=batch, pk__gte=first_pk, pk__lte=last_pk,
                                  screened_at__isnull=True).order_by("pk")
    done = 0
    try:
        screener = get_screener()
        while True:
            with transaction.atomic():
                chunk = list(pending.select_for_update(skip_locked=True)[:SCREEN_CHUNK])
                if not chunk:
                    break
                results = screener.screen_many(
                    [p.text for p in chunk], [p.action for p in chunk],
                    [timezone.localdate(p.posted_at) if p.posted_at else None for p in chunk])
                _store_results(batch, chunk, results)
            done += len(chunk)
    except Exception as exc:
        mark_batch(batch, ImportBatch.Status.FAILED, repr(exc))
        raise
    _finish_if_complete(batch.pk)
    return done


def _finish_if_complete(batch_id: int) -> None:
    """Done when every imported post has been screened (the counters are exact, see _store_results)."""
    ImportBatch.objects.filter(pk=batch_id, screened__gte=F("imported")).exclude(
        status=ImportBatch.Status.DONE).update(status=ImportBatch.Status.DONE, error="", finished_at=timezone.now())


@transaction.atomic
def _store_results(batch: ImportBatch, posts: list[Post], results) -> None:
    """Store one chunk's results. The caller holds the posts' rows, all still unscreened, so the
    batch counters grow by exactly what was stored here (no recount over a million rows)."""
    now = timezone.now()
    threshold = flag_threshold()
    flagged = 0
    for post, result in zip(posts, results, strict=True):
        data = result.to_dict()
        ScreeningResult.objects.update_or_create(post=post, defaults={
            "label": data["label"], "score": data["score"], "scores": data.get("scores", {}),
            "targets": data["targets"], "stance": data["stance"], "evidence": data["evidence"],
            "violation": data["violation"] or "", "violation_note": data.get("violation_note") or "",
            "model_version": data["model_version"], "rule": data.get("rule") or "", "screened_at": now,
        })
        # A rule-decided partisan label (a bare slogan or ballot-number appeal) is flagged whatever the
        # model's probability: the rule exists because the model underrates such short posts.
        if data["label"] == "partisan" and (data["score"] >= threshold or data.get("rule") in FLAG_RULES):
            flagged += Flag.objects.get_or_create(post=post, defaults={"created_at": now})[1]
    Post.objects.filter(pk__in=[p.pk for p in posts]).update(screened_at=now)
    ImportBatch.objects.filter(pk=batch.pk).update(screened=F("screened") + len(posts), flagged=F("flagged") + flagged)


# ---------------------------------------------------------------------------------------------
# decisions


def _decide(flag: Flag, user, status: str, reason: str, report=None) -> Flag:
    if flag.status != Flag.Status.OPEN:
        raise ValidationError(_("Tanda ini sudah diputuskan."))
    flag.status = status
    flag.decided_by = user
    flag.decided_at = timezone.now()
    flag.reason = reason.strip()
    flag.report = report
    flag.save()
    return flag


def _require_reviewer(user) -> None:
    if not has_role(user, *FLAG_REVIEWERS):
        raise PermissionDenied(_("Peran Anda tidak berwenang memutus tanda."))


@transaction.atomic
def confirm_flag(flag: Flag, user, note: str = "") -> Report:
    """A person agrees the post is partisan: file a report with the post archived as evidence."""
    _require_reviewer(user)
    flag = (Flag.objects.select_for_update(of=("self",))
            .select_related("post__account__employee__agency", "post__result").get(pk=flag.pk))
    if flag.status != Flag.Status.OPEN:
        raise ValidationError(_("Tanda ini sudah diputuskan."))
    post = flag.post
    employee = post.account.employee if post.account is not None else None
    if employee is None:
        raise ValidationError(_("Akun ini belum terhubung ke pegawai di registri; hubungkan dulu akunnya."))
    result = post.result
    when = timezone.localdate(post.posted_at or post.captured_at)
    with translation.override(settings.LANGUAGE_CODE):  # the record is Indonesian, whoever confirms
        description = _("Unggahan media sosial (%(action)s) di %(platform)s yang disaring Netra sebagai partisan "
                        "(skor %(score).2f; bentuk %(form)s). %(note)s") % {
            "action": post.get_action_display(), "platform": post.platform or "-", "score": result.score,
            "form": result.violation or "-", "note": note.strip()}
    data = case_services.ReportInput(
        subject_name=employee.name, region=employee.region, conduct_date=when, known_date=timezone.localdate(
            post.captured_at), description=description, subject_nip=employee.nip, agency=employee.agency,
        subject_position=employee.position, location=post.platform, links=[post.url] if post.url else [],
        is_anonymous=True, channel=Report.Channel.MONITORING,
        archived_posts=[{"text": post.text, "url": post.url, "captured_at": post.captured_at,
                         "account": f"{post.platform}:@{post.account_handle}"}],
    )
    report = case_services.submit_report(data)
    _decide(flag, user, Flag.Status.CONFIRMED, note, report)
    _feedback(post, user, "partisan", result.targets, result.stance)
    return report


@transaction.atomic
def dismiss_flag(flag: Flag, user, reason: str, correct_label: str) -> Flag:
    """Not partisan after all: the reason and the right label are kept for retraining."""
    _require_reviewer(user)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan wajib diisi.")})
    if correct_label not in ("political_neutral", "non_political"):
        raise ValidationError({"correct_label": _("Pilih label yang benar: politik netral atau non-politik.")})
    flag = Flag.objects.select_for_update().get(pk=flag.pk)
    _decide(flag, user, Flag.Status.DISMISSED, reason)
    _feedback(flag.post, user, correct_label, [], "none")
    return flag


def _feedback(post: Post, user, label: str, target, stance: str) -> Feedback:
    feedback, _ = Feedback.objects.update_or_create(post=post, defaults={
        "label": label, "target": list(target or []), "stance": stance, "created_by": user,
        "created_at": timezone.now()})
    return feedback


def feedback_rows():
    """Confirmed verifier labels in the screener's training format (for `netra screening train --feedback`)."""
    for fb in Feedback.objects.select_related("post").order_by("pk"):
        yield {"id": f"fb-{fb.post.uid}", "text": fb.post.text, "label": fb.label, "target": fb.target,
               "stance": fb.stance, "source": "verifier-feedback"}
