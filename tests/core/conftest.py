"""The layout and error page tests use the security tests' estate: a man within reach of every case role."""

from tests.security.conftest import estate  # noqa: F401
