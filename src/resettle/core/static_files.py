"""How static files are stored for production: hashed names, so browsers may cache them for good, and a
gzip copy beside each text file, so WhiteNoise can send it compressed.

`resettle serve` collects them before it starts (resettle.core.management.commands.serve), so a server
never starts without them. Brotli at its default quality takes a minute on the API documentation's
bundles; gzip takes seconds and every browser reads it. Source maps are for developer tools only.
"""

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

NOT_COMPRESSED = ("map",)


class HashedGzippedStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, *, extensions=None, **kwargs) -> Compressor:
        skipped = [*(extensions or Compressor.SKIP_COMPRESS_EXTENSIONS), *NOT_COMPRESSED]
        return Compressor(extensions=skipped, use_brotli=False, **kwargs)
