"""The LLM drafter against a scripted OpenAI-compatible server on 127.0.0.1.

The real `openai` client runs: retries on 429/5xx, timeouts, connection errors, 401, and
answers that are not articles each end in a clear `LLMUnavailable` or a usable draft.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.brief import WeeklyIndexBrief
from tests.llm_server import LLMServer, Reply, closed_port, serve
from writer.auditlog import AuditLog
from writer.draft.llm import (
    DEFAULT_MODEL,
    LLMDrafter,
    LLMSettings,
    RunInfo,
    article_problem,
    get_client,
    unfence,
)
from writer.errors import BadInput, LLMUnavailable
from writer.genres.weekly_index.offline import draft_offline

FAST = {"retry-after-ms": "10"}  # lets the SDK's retry wait 10 ms instead of its backoff


@pytest.fixture
def server() -> Iterator[LLMServer]:
    with serve() as running:
        yield running


@pytest.fixture
def audit(tmp_path: Path) -> AuditLog:
    return AuditLog(tmp_path / "home" / "audit.sqlite")


def make_drafter(
    monkeypatch: pytest.MonkeyPatch,
    base_url: str,
    audit: AuditLog | None,
    *,
    timeout: str = "5",
    retries: str = "2",
) -> LLMDrafter:
    monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", timeout)
    monkeypatch.setenv("WRITER_LLM_RETRIES", retries)
    settings = LLMSettings.from_env()
    return LLMDrafter(get_client(settings), settings, audit, RunInfo("run1", "RUT", "2025-08-08"))


def test_settings_defaults_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WRITER_MODEL", raising=False)
    monkeypatch.delenv("WRITER_LLM_TIMEOUT", raising=False)
    monkeypatch.delenv("WRITER_LLM_RETRIES", raising=False)
    assert LLMSettings.from_env() == LLMSettings("gpt-4o-mini", 60.0, 2)
    assert DEFAULT_MODEL == "gpt-4o-mini"
    monkeypatch.setenv("WRITER_MODEL", "llama3.1")
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", "2.5")
    assert LLMSettings.from_env() == LLMSettings("llama3.1", 2.5, 2)
    assert LLMSettings.from_env("qwen2.5").model == "qwen2.5"
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", "soon")
    with pytest.raises(BadInput, match=r"^WRITER_LLM_TIMEOUT='soon' is not a number; unset it"):
        LLMSettings.from_env()
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", "0")
    with pytest.raises(
        BadInput,
        match=r"^WRITER_LLM_TIMEOUT='0' is too small; unset it or "
        r"give e.g. WRITER_LLM_TIMEOUT=60.0$",
    ):
        LLMSettings.from_env()
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", "1")
    monkeypatch.setenv("WRITER_LLM_RETRIES", "-1")
    with pytest.raises(BadInput, match=r"^WRITER_LLM_RETRIES='-1' is too small"):
        LLMSettings.from_env()


def test_draft_sends_system_and_user_prompt(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    article = draft_offline(rut)
    server.enqueue(Reply(text=article))
    drafter = make_drafter(monkeypatch, server.url, audit)
    draft = drafter.draft(rut)
    assert draft.text == article.strip() + "\n"
    assert draft.call_id is not None
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "gpt-4o-mini"
    assert request.headers["authorization"] == "Bearer sk-test-not-a-real-key"
    roles = [m["role"] for m in request.messages]
    assert roles == ["system", "user"]
    assert "Use ONLY the figures" in request.messages[0]["content"]
    assert "## Russell 2000 (RUT): Friday, Aug 8\n" in request.messages[1]["content"]
    assert "\n2,218.42: close\n" in request.messages[1]["content"]
    assert request.body["max_tokens"] == 4096


def test_429_then_success_is_retried(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(Reply(status=429, headers=FAST), Reply(text=draft_offline(rut)))
    drafter = make_drafter(monkeypatch, server.url, audit)
    drafter.draft(rut)
    assert len(server.requests) == 2
    assert server.requests[0].body == server.requests[1].body
    ok, limited = audit.recent()
    assert (limited.retry, limited.error) == (0, "HTTP 429; retrying in 0.01 s")
    assert (ok.retry, ok.error, ok.prompt_tokens) == (1, None, 1000)


def test_5xx_retried_then_exit_4(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(*[Reply(status=503, headers=FAST)] * 3)
    drafter = make_drafter(monkeypatch, server.url, audit)
    with pytest.raises(LLMUnavailable) as info:
        drafter.draft(rut)
    assert str(info.value) == (
        f"the LLM endpoint {server.url} failed with HTTP 503 (after 2 "
        "retries); try again later or pass --offline"
    )
    assert info.value.exit_code == 4
    assert len(server.requests) == 3
    last, *earlier = audit.recent()
    assert [c.retry for c in earlier] == [1, 0]
    assert [c.error for c in earlier] == ["HTTP 503; retrying in 0.01 s"] * 2
    assert last.error == str(info.value) and last.response_text is None and last.retry == 2


def test_backoff_without_retry_after(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(Reply(status=500), Reply(text=draft_offline(rut)))
    drafter = make_drafter(monkeypatch, server.url, audit)
    started = time.perf_counter()
    drafter.draft(rut)
    assert 0.375 <= time.perf_counter() - started < 3, "about 0.5 s of backoff, less jitter"
    assert len(server.requests) == 2


def test_429_forever_says_rate_limited(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(*[Reply(status=429, headers=FAST)] * 2)
    drafter = make_drafter(monkeypatch, server.url, None, retries="1")
    with pytest.raises(
        LLMUnavailable,
        match=r"is rate limiting \(HTTP 429, after 1 retry\); "
        "wait and try again, or pass --offline$",
    ):
        drafter.draft(rut)
    assert len(server.requests) == 2


def test_hung_server_times_out(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    """A timed-out request is not sent again, retries or not: the server may still be
    working on it, and a local one serving one request at a time would queue the retry."""
    server.enqueue(Reply(text="late", delay=10))
    drafter = make_drafter(monkeypatch, server.url, audit, timeout="0.3", retries="2")
    started = time.perf_counter()
    with pytest.raises(LLMUnavailable) as info:
        drafter.draft(rut)
    assert time.perf_counter() - started < 5
    assert len(server.requests) == 1
    assert str(info.value) == (
        f"the LLM endpoint {server.url} did not answer within 0.3 s "
        "(not retried: it may still be working on it); raise WRITER_LLM_TIMEOUT, check "
        "OPENAI_BASE_URL or pass --offline"
    )
    (call,) = audit.recent()
    assert call.error == str(info.value) and call.latency_ms >= 300


def test_connection_refused(
    monkeypatch: pytest.MonkeyPatch, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    drafter = make_drafter(monkeypatch, url, audit, retries="0")
    with pytest.raises(LLMUnavailable) as info:
        drafter.draft(rut)
    message = str(info.value)
    assert message.startswith(f"cannot reach the LLM endpoint {url} (")
    assert message.endswith(
        ", after 0 retries); check OPENAI_BASE_URL and the network, or pass --offline"
    )
    assert "\n" not in message
    assert audit.count() == 1


def test_401_is_not_retried(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(Reply(status=401))
    drafter = make_drafter(monkeypatch, server.url, None)
    with pytest.raises(LLMUnavailable) as info:
        drafter.draft(rut)
    assert str(info.value) == (
        f"the LLM endpoint {server.url} refused the API key (HTTP 401); "
        "set a valid OPENAI_API_KEY or pass --offline"
    )
    assert len(server.requests) == 1


def test_unknown_model_404(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(Reply(status=404))
    drafter = make_drafter(monkeypatch, server.url, None)
    with pytest.raises(
        LLMUnavailable,
        match=r"has no model 'gpt-4o-mini' \(HTTP 404\); pass "
        "--model or set WRITER_MODEL$",
    ):
        drafter.draft(rut)


def test_empty_answer_is_asked_again(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    article = draft_offline(rut)
    server.enqueue(Reply(text=""), Reply(text=f"```markdown\n{article}\n```"))
    drafter = make_drafter(monkeypatch, server.url, audit)
    assert drafter.draft(rut).text == article.strip() + "\n"
    assert len(server.requests) == 2
    newest, oldest = audit.recent()
    assert oldest.verdict == "not an article" and oldest.response_text == ""
    assert newest.verdict is None


def test_an_empty_reply_after_retries_is_exit_4(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(*[Reply(text="")] * 3)
    drafter = make_drafter(monkeypatch, server.url, None)
    with pytest.raises(LLMUnavailable) as info:
        drafter.draft(rut)
    assert str(info.value) == (
        "model 'gpt-4o-mini' returned an empty response on 3 tries; try another --model or "
        "pass --offline"
    )
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    "text",
    ['{"article": "The Russell 2000 rose 2.38%"}', "The Russell 2000 rose 2.38% this week."],
)
def test_a_readable_non_article_is_handed_to_the_checker_after_retries(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief, text: str
) -> None:
    """Asked again first; then the last reply is a draft the form check will reject."""
    server.enqueue(*[Reply(text=text)] * 3)
    drafter = make_drafter(monkeypatch, server.url, None)
    draft = drafter.draft(rut)
    assert draft.text == text + "\n"
    assert len(server.requests) == 3


def test_malformed_json_from_server(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(Reply(raw="<html>gateway</html>"))
    drafter = make_drafter(monkeypatch, server.url, None, retries="0")
    with pytest.raises(
        LLMUnavailable,
        match=r"gave an answer that is not a chat completion "
        r"\(JSONDecodeError: Expecting value",
    ):
        drafter.draft(rut)


def test_article_problem_rules() -> None:
    words = " ".join(["word"] * 130)
    assert article_problem(words) == "text without a single figure"
    assert article_problem(words + " 2,218.42") is None
    assert article_problem("[1, 2, 3]") == "a JSON blob instead of an article"
    assert unfence("```\n# Title\nbody\n```") == "# Title\nbody"
    assert unfence("# Title\n```code```\n") == "# Title\n```code```"


def test_keyless_local_endpoint_gets_placeholder_key(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    server.enqueue(Reply(text=draft_offline(rut)))
    drafter = make_drafter(monkeypatch, server.url, None)
    drafter.draft(rut)
    assert server.requests[0].headers["authorization"] == "Bearer not-needed"


def test_drafter_closes_only_a_client_it_owns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    settings = LLMSettings.from_env()
    run = RunInfo("r", "RUT", "2025-08-08")
    borrowed, owned = get_client(settings), get_client(settings)
    LLMDrafter(borrowed, settings, None, run).close()
    LLMDrafter(owned, settings, None, run, owns_client=True).close()
    assert not borrowed.is_closed() and owned.is_closed()
    borrowed.close()


def test_truncated_article_is_asked_again(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    article = draft_offline(rut)
    server.enqueue(Reply(text=article[:2000], finish_reason="length"), Reply(text=article))
    drafter = make_drafter(monkeypatch, server.url, None)
    assert drafter.draft(rut).text == article.strip() + "\n"
    server.enqueue(*[Reply(text=article[:2000], finish_reason="length")] * 3)
    with pytest.raises(
        LLMUnavailable,
        match=r"returned an article cut off at the model's "
        "output limit on 3 tries",
    ):
        drafter.draft(rut)


def test_no_choices_is_an_empty_response(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, rut: WeeklyIndexBrief
) -> None:
    server.enqueue(
        Reply(
            raw='{"id": "x", "object": "chat.completion", "created": 0, '
            '"model": "m", "choices": []}'
        )
    )
    drafter = make_drafter(monkeypatch, server.url, None, retries="0")
    with pytest.raises(LLMUnavailable, match=r"returned an empty response on 1 try;"):
        drafter.draft(rut)


def test_each_wait_on_the_endpoint_is_a_while_waiting_block(
    monkeypatch: pytest.MonkeyPatch, server: LLMServer, audit: AuditLog, rut: WeeklyIndexBrief
) -> None:
    """A batch's threads give up their turn while a request is out or a backoff runs
    (`while_waiting`): each request and each backoff is one block, and only those."""
    from contextlib import contextmanager

    server.enqueue(Reply(status=429, headers=FAST), Reply(text=draft_offline(rut)))
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setenv("WRITER_LLM_TIMEOUT", "5")
    blocks: list[tuple[int, int]] = []  # requests the server had when each began and ended

    @contextmanager
    def waiting() -> Iterator[None]:
        before = len(server.requests)
        try:
            yield
        finally:  # a refused request leaves the block with its error
            blocks.append((before, len(server.requests)))

    settings = LLMSettings.from_env()
    drafter = LLMDrafter(
        get_client(settings), settings, audit, RunInfo("run1", "RUT", "2025-08-08"),
        while_waiting=waiting,
    )  # fmt: skip
    drafter.draft(rut)
    # the refused request, the backoff before the retry (no request), the retry
    assert blocks == [(0, 1), (1, 1), (1, 2)]
