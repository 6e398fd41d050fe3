"""With no SALESBOT_API_TOKEN the API answers 503 saying how to turn it on; the pages keep working."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.integration.api_app import ASHA, Api, running_api


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with running_api(tmp_path_factory.mktemp("off"), SALESBOT_API_TOKEN="") as running:
        yield running


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("POST", "/api/customers", ASHA), ("POST", "/api/sales-script", {"customer_id": 1}),
     ("POST", "/api/call", {"customer_id": 1}), ("GET", "/api/call-transcript?call_id=1", None)],
)  # fmt: skip
def test_every_endpoint_says_how_to_turn_the_api_on(api: Api, method: str, path: str, body: object) -> None:
    response = api.client.request(method, path, json=body, headers={"Idempotency-Key": "k"})
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "api_off" and "SALESBOT_API_TOKEN" in error["message"]
    assert not api.running.db_path.exists()  # nothing was built, let alone stored


def test_the_pages_still_work(api: Api) -> None:
    assert httpx.get(f"{api.url}/_stcore/health").text == "ok"
    for page in ("/", "/presenter", "/transcripts"):
        response = httpx.get(f"{api.url}{page}")
        assert response.status_code == 200 and "<html" in response.text.lower()
