"""Importing files uploaded on the import page: the size limit, the files saved where the importer reads
them, and the report kept for the administrator who uploaded them."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone

from .importer import import_files
from .models import LastImport

# A prison's extract is a few megabytes. A national one takes minutes to import, longer than a web request
# should wait: it belongs to `resettle import` on the server.
MAX_UPLOAD_BYTES = 100 * 1024**2


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


@contextmanager
def saved(files) -> Iterator[list[Path]]:
    """The uploaded files in a temporary folder under their own names (the importer tells a CSV file by its
    name), each in a folder of its own so that two of the same name both arrive; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="resettle-import-") as folder:
        paths = []
        for number, upload in enumerate(files):
            path = Path(folder, str(number), Path(upload.name).name)
            path.parent.mkdir()
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            paths.append(path)
        yield paths


def import_uploaded(files, *, person: str | None, user) -> LastImport:
    """Import the files as `resettle import` does, and keep the report as the user's last import."""
    with saved(files) as paths:
        report = import_files(paths, person=person, user=user)
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
