"""The whole API schema driven by schemathesis, anonymous and with a staff token (issue 11).

Every operation gets generated requests (valid and invalid); every answer must be no server error,
have a documented status and content type, and match the documented response schema. Examples
per operation are bounded (NETRA_SCHEMATHESIS_EXAMPLES, default 25) so this stays within the
suite's time; raise it for a deeper run.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("NETRA_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def keep_test_connection():
    """The real WSGI handler closes the database connection at each request's end (and checks its
    health at the start); inside a test's transaction that would drop the transaction itself on
    PostgreSQL. Django's own test client disconnects the same receivers; so does this."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("who", ["anonymous", "staff"])
@pytest.mark.usefixtures("keep_test_connection")
def test_whole_schema_no_server_errors_and_no_schema_mismatch(reference, people, make_report, who):
    make_report()  # one case and report, so staff list and detail answers have content
    headers = {}
    if who == "staff":
        headers["Authorization"] = f"Token {Token.objects.create(user=people['admin']).key}"
    operations = _operations()
    assert len(operations) >= 15
    failures, seen = [], []
    for operation in operations:
        try:
            _drive(operation, headers, failures, seen)
        except AssertionError:
            continue
    assert not failures, "\n\n".join(failures)
    assert len(seen) >= len(operations) * 2  # the run really sent requests
    ok = {path for path, status in seen if status < 300}
    assert "/api/v1/reference/regions/" in ok
    if who == "staff":
        assert {"/api/v1/cases/", "/api/v1/monitoring/posts/"} <= ok


def _drive(operation, headers: dict, failures: list, seen: list) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        cache.clear()  # throttling would answer 429 to everything after the first few
        response = case.call(headers=headers)
        seen.append((operation.path, response.status_code))
        try:
            case.validate_response(response, checks=CHECKS)
        except AssertionError as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")
            raise

    run()
