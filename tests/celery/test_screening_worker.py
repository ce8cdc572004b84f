"""The import-and-screen flow with a real Redis broker and a Celery worker."""

import pytest

from netra.monitoring import services
from netra.monitoring.models import Flag, ImportBatch, Post
from tests.celery_worker import wait_for
from tests.monitoring.conftest import POSTS

pytestmark = pytest.mark.celery


def test_import_is_screened_by_the_worker(celery_worker_process, people, employee):
    from netra.registry.models import SocialAccount

    SocialAccount.objects.create(employee=employee, platform="facebook", handle="budi.s")
    batch = services.import_posts(list(enumerate(POSTS, start=1)), people["monitor"], "celery")
    # With transactional_db the on_commit hook fires at once and sends the task to Redis.
    assert wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE, timeout=120), \
        celery_worker_process.read_text()[-3000:]
    assert Post.objects.filter(batch=batch, result__isnull=False).count() == 3
    assert Flag.objects.get().post.external_id == "p1"
    assert "netra.monitoring.tasks.screen_batch" in celery_worker_process.read_text()
