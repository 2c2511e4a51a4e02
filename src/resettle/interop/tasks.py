from celery import shared_task

from resettle.core.jobs import execute

from .uploads import import_stored


@shared_task(acks_late=True, reject_on_worker_lost=True)
def import_upload(job_pk: int) -> None:
    """Import the files uploaded on the import page (resettle.interop.uploads)."""
    execute(job_pk, import_stored)
