"""The API's request bodies: JSON, refused unread when it is nested too deep to read safely."""

import io

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from resettle.core.json_input import NestedTooDeep, check_depth


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            check_depth(raw.decode(encoding, errors="replace"))
        except NestedTooDeep as error:
            raise ParseError(f"The body is {error}") from None
        return super().parse(io.BytesIO(raw), media_type, parser_context)
