"""A monitoring import's screening is split into part tasks (NETRA_SCREEN_PART_SIZE posts each) that
several Celery workers can take; every post is screened exactly once, also when a part runs again
after its worker was killed (acks_late redelivery)."""

import pytest
from django.db.models import Count

from netra.monitoring import services
from netra.monitoring.models import Flag, ImportBatch, Post, ScreeningResult

TEXTS = ["Ayo coblos nomor 2! salam dua jari, menang satu putaran #{i}",
         "KPU mengumumkan jadwal debat capres ketiga {i}. Cek DPT kalian.",
         "Kucingku gemoy banget pagi ini {i}"]


def rows(n: int):
    return [(i, {"id": f"p{i}", "text": TEXTS[i % 3].format(i=i), "platform": "facebook", "account": "x"})
            for i in range(1, n + 1)]


@pytest.fixture
def unscreened(people):
    """A batch of 31 posts imported without running the screening (the commit hook is not run)."""
    return services.import_posts(rows(31), people["monitor"], "uji")


def once_each(batch) -> bool:
    per_post = Post.objects.filter(batch=batch).annotate(n=Count("result")).values_list("n", flat=True)
    return sorted(set(per_post)) == [1]


def test_parts_cover_every_post_exactly_once(unscreened, settings, django_capture_on_commit_callbacks):
    parts = services.plan_parts(unscreened, part_size=7)
    assert len(parts) == 5  # 7 + 7 + 7 + 7 + 3
    covered = [pk for first, last in parts for pk in Post.objects.filter(
        batch=unscreened, pk__gte=first, pk__lte=last).values_list("pk", flat=True)]
    assert sorted(covered) == sorted(Post.objects.filter(batch=unscreened).values_list("pk", flat=True))
    assert len(covered) == len(set(covered)) == 31

    settings.NETRA_SCREEN_PART_SIZE = 7
    batch = services.screen_batch(unscreened.pk)  # no broker: the part tasks run here
    assert batch.status == ImportBatch.Status.DONE and batch.screened == 31
    assert once_each(batch)
    assert batch.flagged == Flag.objects.filter(post__batch=batch).count() > 0


def test_a_redelivered_part_does_not_screen_twice(unscreened, monkeypatch):
    """The worker dies after the first chunk of a part; the broker hands the part out again."""
    monkeypatch.setattr(services, "SCREEN_CHUNK", 4)
    first, last = services.plan_parts(unscreened, part_size=31)[0]
    real = services.get_screener()

    class DiesAfterOneChunk:
        calls = 0

        def screen_many(self, *args):
            self.calls += 1
            if self.calls == 2:
                raise SystemExit("worker killed")  # what a kill -9 looks like from inside: nothing after
            return real.screen_many(*args)

    monkeypatch.setattr(services, "get_screener", DiesAfterOneChunk)
    with pytest.raises(SystemExit):
        services.screen_part(unscreened.pk, first, last)
    unscreened.refresh_from_db()
    assert unscreened.screened == 4 == ScreeningResult.objects.filter(post__batch=unscreened).count()
    assert unscreened.status != ImportBatch.Status.DONE

    monkeypatch.setattr(services, "get_screener", lambda: real)
    assert services.screen_part(unscreened.pk, first, last) == 27  # only what was left
    assert services.screen_part(unscreened.pk, first, last) == 0  # a third delivery: nothing to do
    unscreened.refresh_from_db()
    assert unscreened.status == ImportBatch.Status.DONE
    assert unscreened.screened == 31 == ScreeningResult.objects.filter(post__batch=unscreened).count()
    assert once_each(unscreened)
    assert unscreened.flagged == Flag.objects.filter(post__batch=unscreened).count()
