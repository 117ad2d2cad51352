"""How a batch with worker processes is laid out: one brief process reads the data (pandas)
and builds the briefs while the command loads the HTTP client (openai); the workers, forked
from the command, draft.  What each process loaded, a brief process that cannot read the
data or dies, a worker that dies while the others go on, and the drafting threads' turns.

The layout tests run `writer` as a real process: under pytest every module is loaded
already, so only a fresh interpreter shows what each process imports.  LLM calls go over
real HTTP to the scripted local server."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.draft.batch import Turns
from writer.genres.weekly_index.offline import draft_offline

from .llm_server import LLMServer, Reply, serve

_ASKED = re.compile(r"\(([A-Z0-9]+)\) for the week of (\d{4}-\d{2}-\d{2})")
#: 2 symbols x 5 weeks: articles 0-4 are RUT's, 5-9 SPX's; worker w drafts i % 2 == w
ARTICLES = ["RUT", "SPX", "--weeks", "2025-07-07..2025-08-08"]


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[LLMServer]:
    """A server answering each request with the offline draft of the brief it names."""
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)

    def respond(body: dict[str, Any]) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        asked = _ASKED.search(user)
        if asked is None:
            return Reply(status=400)
        day = dt.date.fromisoformat(asked.group(2))
        return Reply(text=draft_offline(weekly_brief(asked.group(1), day, source)))

    with serve(responder=respond) as running:
        monkeypatch.setenv("OPENAI_BASE_URL", running.url)
        monkeypatch.setenv("WRITER_LLM_TIMEOUT", "10")
        yield running


def writer_process(
    prelude: str, args: list[str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`writer ARGS` in a new interpreter, after `prelude` (Python that wraps what a test
    watches).  Past `timeout` (a hang) the whole process group is killed, its forked
    children too, and the test fails."""
    run = f"from writer.cli import main\nsys.argv = ['writer', *{args!r}]\nmain()\n"
    code = f"import sys\n{prelude}\n{run}"
    argv = [sys.executable, "-c", code]
    with subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
        start_new_session=True,
        cwd=tempfile.gettempdir(),  # `-c` puts the working directory first on the path:
    ) as process:  # not the checkout, whose tree is not what `pip install .` installs
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"writer still ran after {timeout:g} s: {args}")
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


def test_workers_share_the_loaded_http_client_and_never_load_the_data_side(
    model: LLMServer, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "loaded.jsonl"
    prelude = f"""
import json, os
import writer.draft.batch as batch

def watched(role, real):
    def run(*args, **kwargs):
        try:
            return real(*args, **kwargs)
        finally:
            with open({str(log)!r}, "a") as out:
                loaded = {{m: m in sys.modules for m in ("pandas", "openai")}}
                out.write(json.dumps({{"role": role, "pid": os.getpid(), **loaded}}) + "\\n")
    return run

batch._worker = watched("worker", batch._worker)
batch._brief_process = watched("briefs", batch._brief_process)
"""
    from writer.calendar import _calendar

    # the exchange's session table stored in this test's cache, as after a first run
    # (building it loads pandas); read from this process's memory, it would not be stored
    _calendar.cache_clear()
    _calendar("XNYS")
    out = tmp_path / "articles"
    args = ["draft", *ARTICLES, "--workers", "2", "--jobs", "4", "--no-chart", "--quiet"]
    done = writer_process(prelude, [*args, "--data-dir", str(data_dir), "--out", str(out)])
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.split()) == 10 and len(list(out.glob("*.md"))) == 10
    seen = [json.loads(line) for line in log.read_text().splitlines()]
    workers = [s for s in seen if s["role"] == "worker"]
    (briefs,) = [s for s in seen if s["role"] == "briefs"]
    assert len({w["pid"] for w in workers}) == 2 and briefs["pid"] not in {
        w["pid"] for w in workers
    }
    # the workers drafted through the client the command loaded, and never read the data
    assert all(w["openai"] and not w["pandas"] for w in workers), workers
    # the brief process read the data and never loaded the client
    assert briefs["pandas"] and not briefs["openai"], briefs
    assert len(model.requests) == 10


def test_data_that_cannot_be_read_is_the_commands_one_error(
    model: LLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read by the brief process, sent back: one line and the exit code of the error."""
    not_a_folder = tmp_path / "prices.csv"
    not_a_folder.write_text("date,close\n", encoding="utf-8")
    monkeypatch.setenv("WRITER_DATA_DIR", str(not_a_folder))  # --data-dir is typer's to check
    result = CliRunner().invoke(
        app,
        ["draft", *ARTICLES, "--workers", "2", "--jobs", "4", "--no-chart",
         "--out", str(tmp_path / "articles")],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"data dir {not_a_folder} is not a folder" in result.stderr
    assert "[1/10]" not in result.stderr  # one error for the command, not ten articles
    assert model.requests == []  # nothing was paid for


def test_a_brief_process_that_dies_leaves_the_rest_failed_and_a_rerun_drafts_them(
    model: LLMServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import writer.pipeline as pipeline

    real = pipeline.weekly_brief

    def dies_on_spx(symbol: str, *args: Any, **kwargs: Any) -> Any:
        if symbol == "SPX":
            os._exit(7)  # the brief process killed after sending RUT's five briefs
        return real(symbol, *args, **kwargs)

    monkeypatch.setattr(pipeline, "weekly_brief", dies_on_spx)
    out = tmp_path / "articles"
    args = ["draft", *ARTICLES, "--workers", "2", "--jobs", "4", "--no-chart",
            "--data-dir", str(data_dir), "--out", str(out)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())  # progress lines wrap at the terminal's width
    assert said.count("the process building the briefs ended with code 7 before") == 5
    assert len(list(out.glob("rut-*.md"))) == 5 and list(out.glob("spx-*.md")) == []
    monkeypatch.setattr(pipeline, "weekly_brief", real)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert again.stdout.count("spx-") == 5 and "rut-" not in again.stdout


def test_a_worker_that_dies_does_not_hold_up_the_others(
    model: LLMServer, data_dir: Path, tmp_path: Path
) -> None:
    """Worker 0 dies on its first article.  The brief process must not wait on a pipe no
    one reads (a brief is more than a pipe holds): worker 1 gets every brief and publishes
    its five articles; worker 0's five fail, and the command ends (no hang)."""
    prelude = """
import os
import writer.draft.batch as batch
real = batch.run_draft

def dies_on_the_first_week(options, **kwargs):
    if options.symbol == "RUT" and options.week.isoformat() == "2025-07-11":
        os._exit(9)
    return real(options, **kwargs)

batch.run_draft = dies_on_the_first_week
"""
    out = tmp_path / "articles"
    args = ["draft", *ARTICLES, "--workers", "2", "--jobs", "2", "--no-chart"]
    done = writer_process(
        prelude, [*args, "--data-dir", str(data_dir), "--out", str(out)], timeout=90
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("its worker process ended with code 9") == 5
    published = sorted(p.name for p in out.glob("*.md"))
    assert len(published) == 5 and len(done.stdout.split()) == 5
    assert "rut-2025-07-11.md" not in published


def test_threads_take_turns_and_give_theirs_up_while_waiting() -> None:
    turns = Turns()
    events: list[str] = []
    waiting = threading.Event()
    back = threading.Event()

    def first() -> None:
        with turns:
            events.append("first works")
            with turns.away():  # a request is out
                waiting.set()
                back.wait(5)
            events.append("first works again")

    def second() -> None:
        waiting.wait(5)
        with turns:
            events.append("second works")
            back.set()  # the reply is in, but the turn is still the second's
            time.sleep(0.05)
            events.append("second done")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert events == ["first works", "second works", "second done", "first works again"]


def test_a_batch_killed_outright_leaves_no_worker_drafting(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kill -9` of the command (a cron job's timeout, the OOM killer): its brief process
    and workers end with it instead of drafting, and paying for, what no one waits for."""
    from writer.pipeline import open_source, weekly_brief

    source = open_source(data_dir)

    def respond(body: dict[str, Any]) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        asked = _ASKED.search(user)
        assert asked is not None
        day = dt.date.fromisoformat(asked.group(2))
        return Reply(text=draft_offline(weekly_brief(asked.group(1), day, source)), delay=1.0)

    with serve(responder=respond) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        argv = [sys.executable, "-c", "from writer.cli import main; main()", "draft",
                *ARTICLES, "--workers", "2", "--jobs", "2", "--no-chart",
                "--data-dir", str(data_dir), "--out", str(tmp_path / "articles")]  # fmt: skip
        with subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=os.environ.copy(), start_new_session=True, cwd=tempfile.gettempdir(),
        ) as command:  # fmt: skip
            try:
                deadline = time.monotonic() + 60
                while not server.requests and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert server.requests, "no request came"
                os.kill(command.pid, signal.SIGKILL)
                command.wait(10)
                gone = time.monotonic() + 10
                while time.monotonic() < gone:
                    try:
                        os.killpg(command.pid, 0)  # any process left in its group?
                    except ProcessLookupError:
                        break
                    time.sleep(0.05)
                else:
                    pytest.fail("a worker or the brief process outlived the command")
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(command.pid, signal.SIGKILL)
        asked = len(server.requests)
        time.sleep(1.5)  # a worker still drafting would have sent its next request by now
        assert len(server.requests) == asked <= 2


def test_articles_a_stopped_worker_left_in_its_pipe_are_reported() -> None:
    """A stop (Ctrl-C, SIGTERM) that comes after a worker published an article but before the
    command read that it did: what the pipe still holds is reported as finished, and a message
    cut short by the stop ends the reading without an error."""
    import multiprocessing

    from writer.draft.batch import ArticleRun, _drain

    receiver, sender = multiprocessing.Pipe(duplex=False)
    sender.send((3, ArticleRun("RUT", dt.date(2025, 8, 8), verdict="published")))
    sender.send((5, ArticleRun("SPX", dt.date(2025, 8, 8), verdict="rejected")))
    sender.send_bytes(b"\x80\x05 cut")  # what a worker killed mid-send leaves
    sender.close()
    reported: list[tuple[int, str]] = []
    _drain(receiver, lambda i, run: reported.append((i, run.verdict)))
    assert reported == [(3, "published"), (5, "rejected")]
    assert receiver.closed
