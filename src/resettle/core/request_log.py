"""Structured logs: every log line carries the id of the request it was written in, and every request
writes one line saying what was asked, who asked, how it ended and how long it took.

The id comes from the proxy's `X-Request-ID` when it sends a sound one (so that one id follows a request
through the proxy's logs and ours), or is made here; it is sent back in the response's `X-Request-ID`."""

import logging
import re
import time
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
# An id from outside is kept only if it is short and plain, so that it cannot forge or flood a log line.
SOUND_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

request_id: ContextVar[str] = ContextVar("request_id", default="-")
logger = logging.getLogger("resettle.requests")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, for the formatters (settings.LOGGING)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        token = request_id.set(given if SOUND_ID.match(given) else uuid.uuid4().hex)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id.get()
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    # The path only: a query string can hold a searched name.
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": getattr(getattr(request, "user", None), "pk", None),
                },
            )
            return response
        finally:
            request_id.reset(token)
