from celery import shared_task

from . import services


@shared_task(name="netra.monitoring.tasks.screen_batch", acks_late=True)
def screen_batch(batch_id: int) -> dict:
    """Screen one import batch. Runs on a worker when REDIS_URL is set, in-process otherwise."""
    batch = services.screen_batch(batch_id)
    return {"batch": batch_id, "screened": batch.screened, "flagged": batch.flagged}
