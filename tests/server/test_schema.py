"""Schemathesis against the live server's OpenAPI schema: no input gets a 5xx, responses match it.

One test per operation (listed from the app's own schema at collection) and generation mode
(valid and invalid requests), each running Hypothesis over what Schemathesis generates for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from attune.config import Settings
from attune.server.app import create_app

from .conftest import LiveServer, start_server, stop_server

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (the test extra)")
from schemathesis.checks import not_a_server_error, response_schema_conformance  # noqa: E402

pytestmark = pytest.mark.slow

PATHS = create_app(Settings(database_url="sqlite://")).openapi()["paths"]
# Invalid requests can be made only where there are parameters or a body to get wrong.
OPERATIONS = [
    pytest.param(method.upper(), path, mode, id=f"{method.upper()} {path} {mode}")
    for path, methods in PATHS.items()
    for method, spec in methods.items()
    for mode in ("positive", "negative")
    if mode == "positive" or spec.get("parameters") or spec.get("requestBody")
]


@pytest.fixture(scope="module")
def schema_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp: Path = tmp_path_factory.mktemp("schema")
    server = start_server(f"sqlite:///{tmp / 'attune.db'}", tmp, "--demo", ATTUNE_WEBHOOK_SECRET="s3cret")
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def api_schema(schema_server: LiveServer) -> Any:
    return schemathesis.openapi.from_url(f"{schema_server.base}/openapi.json")


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS)
def test_no_input_gets_a_server_error(
    method: str, path: str, mode: str, api_schema: Any, schema_server: LiveServer
) -> None:
    operation = api_schema[path][method]
    strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))
    headers = {"Authorization": f"Bearer {schema_server.key('schemathesis', 'admin')}"}

    @given(case=strategy)
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def check(case: Any) -> None:
        case.call_and_validate(
            base_url=schema_server.base,
            headers=headers,
            checks=[not_a_server_error, response_schema_conformance],
            timeout=30,
        )

    check()
