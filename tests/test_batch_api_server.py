"""The local Batch API server, driven only through the real `openai` client.

Why: the `--batch` engine will be tested against this server, so the server itself must be
shown to speak the API as the client sees it — the multipart upload, the Batch object the
client parses at every step of polling, the JSONL output and error files, and the failure
modes (validation, per-line errors, expiry, cancel, retries, auth) the engine must handle.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, Final, Literal

import openai
import pytest
from openai.types import Batch
from openai.types.chat import ChatCompletion

from .batch_api_server import BatchServer, Failure, serve
from .llm_server import Reply

ENDPOINT: Final = "/v1/chat/completions"


def request_line(custom_id: str, question: str, model: str = "gpt-4o-mini") -> dict[str, Any]:
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": ENDPOINT,
        "body": {"model": model, "messages": [{"role": "user", "content": question}]},
    }


def jsonl(lines: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(line).encode() + b"\n" for line in lines)


def echo(body: dict[str, Any]) -> Reply:
    """Answer each request with text derived from its question, so answers can be matched
    back to the request that asked."""
    return Reply(text="answer: " + body["messages"][-1]["content"])


THREE = [request_line(f"req-{i}", f"question {i}") for i in range(3)]


ClientFor = Callable[..., openai.OpenAI]


@pytest.fixture
def client_for() -> Iterator[ClientFor]:
    """`client_for(server, **options)`: a real client for the server, closed afterwards."""
    made: list[openai.OpenAI] = []

    def make(server: BatchServer, **options: Any) -> openai.OpenAI:
        options.setdefault("api_key", "sk-test")
        options.setdefault("max_retries", 0)
        made.append(openai.OpenAI(base_url=server.url, **options))
        return made[-1]

    yield make
    for client in made:
        client.close()


def submit(client: openai.OpenAI, content: bytes, **metadata: str) -> Batch:
    uploaded = client.files.create(file=("requests.jsonl", content), purpose="batch")
    return client.batches.create(
        input_file_id=uploaded.id,
        endpoint=ENDPOINT,
        completion_window="24h",
        metadata=metadata or None,
    )


def poll(client: openai.OpenAI, batch_id: str, limit: int = 20) -> tuple[Batch, list[str]]:
    """Retrieve until terminal: the final batch and every status seen on the way."""
    seen: list[str] = []
    for _ in range(limit):
        batch = client.batches.retrieve(batch_id)
        seen.append(batch.status)
        if batch.status in ("completed", "failed", "expired", "cancelled"):
            return batch, seen
    raise AssertionError(f"batch never finished: {seen}")


def download(client: openai.OpenAI, file_id: str | None) -> list[dict[str, Any]]:
    if file_id is None:
        return []
    text = client.files.content(file_id).text
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def by_id(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["custom_id"]: line for line in lines}


def test_happy_path_upload_create_poll_download(client_for: ClientFor) -> None:
    with serve(echo, polls_to_complete=4) as server:
        client = client_for(server)
        created = submit(client, jsonl(THREE), run="week-31")
        assert created.status == "validating"
        assert created.metadata == {"run": "week-31"}
        assert created.request_counts is not None and created.request_counts.total == 3

        batch, seen = poll(client, created.id)
        assert seen == ["in_progress", "in_progress", "finalizing", "completed"]
        assert batch.request_counts is not None
        assert batch.request_counts.model_dump() == {"total": 3, "completed": 3, "failed": 0}
        assert batch.error_file_id is None and batch.output_file_id is not None
        assert batch.completed_at is not None and batch.in_progress_at is not None
        assert batch.model == "gpt-4o-mini"
        assert batch.usage is not None and batch.usage.input_tokens == 3000

        lines = download(client, batch.output_file_id)
        # the API does not promise input order, and this server makes that visible
        assert [line["custom_id"] for line in lines] == ["req-2", "req-1", "req-0"]
        for custom_id, line in by_id(lines).items():
            assert line["error"] is None
            assert line["id"].startswith("batch_req_")
            assert line["response"]["status_code"] == 200
            completion = ChatCompletion.model_validate(line["response"]["body"])
            number = custom_id.removeprefix("req-")
            assert completion.choices[0].message.content == f"answer: question {number}"

        # what the client sent, as the server saw it
        upload = server.calls("POST", "/v1/files")[0]
        assert upload.form == {"purpose": "batch"}
        assert upload.uploads["file"] == ("requests.jsonl", jsonl(THREE))
        assert server.calls("POST", "/v1/batches")[0].body == {
            "completion_window": "24h",
            "endpoint": ENDPOINT,
            "input_file_id": created.input_file_id,
            "metadata": {"run": "week-31"},
        }
        assert server.answered_bodies == [line["body"] for line in THREE]
        assert all(c.headers["authorization"] == "Bearer sk-test" for c in server.requests)

        stored = client.files.retrieve(batch.output_file_id)
        assert stored.purpose == "batch_output" and stored.bytes > 0
        assert [b.id for b in client.batches.list()] == [created.id]
        assert client.files.delete(created.input_file_id).deleted
        with pytest.raises(openai.NotFoundError):
            client.files.retrieve(created.input_file_id)


def test_polls_to_complete_zero_is_terminal_at_creation(client_for: ClientFor) -> None:
    with serve(echo, polls_to_complete=0) as server:
        client = client_for(server)
        created = submit(client, jsonl(THREE))
        assert created.status == "completed"
        assert len(download(client, created.output_file_id)) == 3


def test_an_invalid_input_file_fails_the_batch_with_line_errors(client_for: ClientFor) -> None:
    bad = [
        json.dumps(THREE[0]),
        "{not json",
        json.dumps(THREE[0]),  # the same custom_id again
        json.dumps({**request_line("r-3", "q"), "url": "/v1/embeddings"}),
        json.dumps({**request_line("r-4", "q"), "body": {"messages": []}}),
        json.dumps(request_line("r-5", "q", model="gpt-4o")),
    ]
    with serve(echo) as server:
        client = client_for(server)
        created = submit(client, "\n".join(bad).encode() + b"\n")
        assert created.status == "validating"  # as upstream: failure shows on a later poll
        batch, seen = poll(client, created.id)
        assert seen == ["failed"]
        assert batch.failed_at is not None and batch.output_file_id is None
        assert batch.errors is not None and batch.errors.data is not None
        found = [(e.code, e.line) for e in batch.errors.data]
        assert found == [
            ("invalid_json_line", 2),
            ("duplicate_custom_id", 3),
            ("url_mismatch", 4),
            ("missing_required_parameter", 5),
            ("model_mismatch", 6),
        ]
        assert all(e.message for e in batch.errors.data)
        assert server.answered_bodies == []  # nothing was run


def test_an_empty_file_and_a_wrong_purpose(client_for: ClientFor) -> None:
    with serve(echo, polls_to_complete=1) as server:
        client = client_for(server)
        batch, _ = poll(client, submit(client, b"").id)
        assert batch.status == "failed"
        assert batch.errors is not None and batch.errors.data is not None
        assert batch.errors.data[0].code == "empty_file"

        other = client.files.create(file=("x.jsonl", jsonl(THREE)), purpose="user_data")
        with pytest.raises(openai.BadRequestError, match="purpose 'batch'"):
            client.batches.create(
                input_file_id=other.id, endpoint=ENDPOINT, completion_window="24h"
            )
        with pytest.raises(openai.NotFoundError):
            client.batches.retrieve("batch_missing")


@pytest.mark.parametrize("where", ["error", "output"])
def test_a_per_request_http_error_line(
    client_for: ClientFor, where: Literal["error", "output"]
) -> None:
    def responder(body: dict[str, Any]) -> Reply:
        if body["messages"][-1]["content"] == "question 1":
            return Reply(status=400)
        return echo(body)

    with serve(responder, polls_to_complete=1, http_errors_to=where) as server:
        client = client_for(server)
        batch, _ = poll(client, submit(client, jsonl(THREE)).id)
        assert batch.status == "completed"
        assert batch.request_counts is not None
        assert (batch.request_counts.completed, batch.request_counts.failed) == (2, 1)
        output = by_id(download(client, batch.output_file_id))
        errors = by_id(download(client, batch.error_file_id))
        rejected = (errors if where == "error" else output)["req-1"]
        assert rejected["error"] is None
        assert rejected["response"]["status_code"] == 400
        assert rejected["response"]["body"]["error"]["code"] == "400"
        assert set(output) == ({"req-0", "req-2"} if where == "error" else set(by_id(THREE)))


def test_lines_that_fail_outright_go_to_the_error_file(client_for: ClientFor) -> None:
    failure = Failure("server_error", "boom")
    with serve(echo, polls_to_complete=1, line_errors={"req-0": failure}) as server:
        client = client_for(server)
        batch, _ = poll(client, submit(client, jsonl(THREE)).id)
        assert batch.status == "completed"
        assert batch.request_counts is not None
        assert (batch.request_counts.completed, batch.request_counts.failed) == (2, 1)
        assert set(by_id(download(client, batch.output_file_id))) == {"req-1", "req-2"}
        [error] = download(client, batch.error_file_id)
        assert error["custom_id"] == "req-0"
        assert error["response"] is None
        assert error["error"] == {"code": "server_error", "message": "boom"}
        assert len(server.answered_bodies) == 2  # the failed line never reached the model


def test_expiry_returns_partial_results(client_for: ClientFor) -> None:
    with serve(echo, expire_after=1) as server:
        client = client_for(server)
        batch, seen = poll(client, submit(client, jsonl(THREE)).id)
        assert seen == ["in_progress", "expired"]
        assert batch.expired_at is not None
        assert batch.request_counts is not None
        assert (batch.request_counts.completed, batch.request_counts.failed) == (1, 2)
        assert list(by_id(download(client, batch.output_file_id))) == ["req-0"]
        errors = by_id(download(client, batch.error_file_id))
        assert set(errors) == {"req-1", "req-2"}
        assert {e["error"]["code"] for e in errors.values()} == {"batch_expired"}


def test_a_batch_can_be_made_to_fail(client_for: ClientFor) -> None:
    with serve(echo, fail_batches=Failure("internal_error", "went wrong")) as server:
        client = client_for(server)
        batch, _ = poll(client, submit(client, jsonl(THREE)).id)
        assert batch.status == "failed"
        assert batch.errors is not None and batch.errors.data is not None
        assert batch.errors.data[0].code == "internal_error"
        assert batch.output_file_id is None and batch.error_file_id is None


def test_cancel_keeps_the_lines_answered_so_far(client_for: ClientFor) -> None:
    four = [request_line(f"req-{i}", f"question {i}") for i in range(4)]
    with serve(echo, polls_to_complete=4) as server:
        client = client_for(server)
        created = submit(client, jsonl(four))
        first = client.batches.retrieve(created.id)
        assert first.status == "in_progress"
        assert first.request_counts is not None and first.request_counts.completed == 1
        cancelling = client.batches.cancel(created.id)
        assert cancelling.status == "cancelling" and cancelling.cancelling_at is not None
        batch, seen = poll(client, created.id)
        assert seen == ["cancelled"]
        assert batch.cancelled_at is not None
        assert list(by_id(download(client, batch.output_file_id))) == ["req-0"]
        assert batch.request_counts is not None
        assert batch.request_counts.model_dump() == {"total": 4, "completed": 1, "failed": 0}
        with pytest.raises(openai.BadRequestError, match="cancelled"):
            client.batches.cancel(created.id)


def test_a_429_on_upload_is_retried_by_the_client(client_for: ClientFor) -> None:
    with serve(echo) as server:
        server.fail_next(1, status=429)
        uploaded = client_for(server, max_retries=2).files.create(
            file=("r.jsonl", jsonl(THREE)), purpose="batch"
        )
        uploads = server.calls("POST", "/v1/files")
        assert [c.status for c in uploads] == [429, 200]
        assert [c.headers["x-stainless-retry-count"] for c in uploads] == ["0", "1"]
        assert uploads[1].uploads["file"][1] == jsonl(THREE)  # the body was replayed whole
        assert list(server.files) == [uploaded.id]


def test_retries_run_out_on_repeated_500s(client_for: ClientFor) -> None:
    with serve(echo) as server:
        server.fail_next(3, status=500)
        with pytest.raises(openai.InternalServerError):
            client_for(server, max_retries=2).files.create(
                file=("r.jsonl", jsonl(THREE)), purpose="batch"
            )
        assert [c.status for c in server.calls("POST", "/v1/files")] == [500, 500, 500]
        assert server.files == {}


def test_requests_without_a_valid_key_get_401(client_for: ClientFor) -> None:
    with serve(echo, api_key="sk-right") as server:
        keyless = client_for(server)
        with pytest.raises(openai.AuthenticationError):
            keyless.files.create(
                file=("r.jsonl", jsonl(THREE)),
                purpose="batch",
                extra_headers={"Authorization": openai.Omit()},
            )
        assert "authorization" not in server.requests[-1].headers
        with pytest.raises(openai.AuthenticationError, match="Incorrect API key"):
            client_for(server, api_key="sk-wrong").batches.list()
        assert [c.status for c in server.requests] == [401, 401]
        assert server.files == {}
        assert client_for(server, api_key="sk-right").batches.list().data == []
