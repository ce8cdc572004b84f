from celery import shared_task

from . import services


@shared_task(name="netra.monitoring.tasks.screen_batch", acks_late=True)
def screen_batch(batch_id: int) -> dict:
    """Split one import batch into `screen_part` tasks. On workers with REDIS_URL, in-process otherwise."""
    batch = services.screen_batch(batch_id)
    return {"batch": batch_id, "screened": batch.screened, "flagged": batch.flagged}


@shared_task(name="netra.monitoring.tasks.screen_part", acks_late=True)
def screen_part(batch_id: int, first_pk: int, last_pk: int) -> dict:
    """Screen one part of a batch (NETRA_SCREEN_PART_SIZE posts). Acknowledged only when done, so a
    part whose worker is killed is handed out again; running it again screens only what is left."""
    return {"batch": batch_id, "part": [first_pk, last_pk],
            "screened": services.screen_part(batch_id, first_pk, last_pk)}
