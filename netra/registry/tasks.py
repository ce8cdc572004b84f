from celery import shared_task


@shared_task(name="netra.registry.tasks.run_employee_import", acks_late=True)
def run_employee_import(job_id: int) -> dict:
    """A large register import. Runs on a worker when REDIS_URL is set, in-process otherwise."""
    from .importer import run_job

    job = run_job(job_id)
    return {"job": job_id, "status": job.status, "created": job.created, "updated": job.updated}
