"""Importing files uploaded on the import page: the size limit, the files kept in storage until a
background job imports them, and the report kept for the administrator who uploaded them."""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone

from resettle.core.jobs import Job, Progress, dispatch

from .importer import import_files
from .models import LastImport

# A prison's extract is a few megabytes, a national one about a hundred. Either is imported by a job, so
# the size only bounds what one upload may ask the server to keep.
MAX_UPLOAD_BYTES = 100 * 1024**2
# Where uploaded files wait for their job, in the default storage (shared by web and worker processes).
UPLOADS = "imports"


def max_megabytes() -> int:
    return MAX_UPLOAD_BYTES // 1024**2


class SizeLimit(FileUploadHandler):
    """Refuses a request bigger than MAX_UPLOAD_BYTES before any of its files is read: the rest of the
    request is read and dropped, and `request.upload_too_large` says why there are no files."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request.upload_too_large = content_length > MAX_UPLOAD_BYTES

    def new_file(self, *args, **kwargs):
        if self.request.upload_too_large:
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def queue_upload(files, *, person: str | None, user) -> Job:
    """Keep the uploaded files in storage, each under its own name (the importer tells a CSV file by its
    name) in a folder of its own (so that two of the same name both arrive), and queue their import."""
    # Imported here: the task module imports this one.
    from .tasks import import_upload

    folder = PurePosixPath(UPLOADS, uuid.uuid4().hex)
    stored = [
        default_storage.save(str(folder / str(number) / Path(upload.name).name), upload)
        for number, upload in enumerate(files)
    ]
    arguments = [*(["--person", person] if person else []), *stored]
    job = Job.objects.create(command="import", arguments=arguments, requested_by=user)
    dispatch(import_upload, job)
    return job


def import_stored(job: Job) -> dict:
    """The job's work: import its stored files as `resettle import` does, keep the report as the user's
    last import, and delete the files, whatever happened."""
    person, stored = _person_and_files(job.arguments)
    try:
        with fetched(stored) as paths:
            report = import_files(paths, person=person, user=job.requested_by, progress=Progress(job))
        last = _keep_report(job.requested_by, paths, report)
    finally:
        _discard(stored)
    return {"counts": last.counts, "people changed": last.people_changed}


def _discard(stored: list[str]) -> None:
    for name in stored:
        default_storage.delete(name)
    for name in stored:  # and the folders they were kept in, where the storage has folders
        with suppress(NotImplementedError, OSError):
            os.removedirs(Path(default_storage.path(name)).parent)


def _person_and_files(arguments: list[str]) -> tuple[str | None, list[str]]:
    if arguments[:1] == ["--person"]:
        return arguments[1], arguments[2:]
    return None, list(arguments)


@contextmanager
def fetched(stored: list[str]) -> Iterator[list[Path]]:
    """The stored files as local files under their own names, for the importer; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="resettle-import-") as folder:
        paths = []
        for name in stored:
            path = Path(folder, *PurePosixPath(name).parts[-2:])
            path.parent.mkdir()
            with default_storage.open(name, "rb") as source, path.open("wb") as out:
                shutil.copyfileobj(source, out)
            paths.append(path)
        yield paths


def _keep_report(user, paths: list[Path], report) -> LastImport:
    last, _ = LastImport.objects.update_or_create(
        user=user,
        defaults={
            "imported_at": timezone.now(),
            "files": [path.name for path in paths],
            "counts": dict(report.counts),
            "people_changed": len(report.changed_people),
            "rejections": report.rejected_records(),
        },
    )
    return last
