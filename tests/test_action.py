"""The GitHub Action (`action.yml`): what can be known about it without GitHub.

Its structure is checked from the YAML (a composite action; its check step runs
`writer check --format github` with every input), inputs reach the scripts only through
`env:` (an `${{ inputs.x }}` expanded inside `run:` is script injection), each script is valid
bash, and the check step's script is run as GitHub would run it (`bash -eo pipefail`, with
`GITHUB_OUTPUT`), against this environment's `writer` in place of the one the install step
would make: its glob expansion, its exit codes and its annotations.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
CORPUS_ARTICLE = ROOT / "tests" / "corpus" / "rut-2025-08-08.md"
FRIDAY = "closing Friday's session at 2,218.42"


def _action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _steps() -> list[dict[str, Any]]:
    steps = _action()["runs"]["steps"]
    assert isinstance(steps, list)
    return steps


def _step(step_id: str) -> dict[str, Any]:
    (step,) = [s for s in _steps() if s.get("id") == step_id]
    return step


def test_it_is_a_composite_action_with_the_documented_inputs() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert action["name"] and action["description"]
    inputs = action["inputs"]
    assert set(inputs) >= {"files", "data-dir", "python-version", "writer", "args"}
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert spec.get("required") is False, name  # every input has a working default
    assert inputs["files"]["default"] == "articles/**/*.md"  # where `writer draft` writes
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


def test_the_check_step_runs_writer_check_in_github_format_with_every_input() -> None:
    step = _step("check")
    script = step["run"]
    assert step["shell"] == "bash"
    assert re.search(r'/bin/writer" check "\$\{options\[@\]\}"', script), script
    assert "options=(--format github)" in script
    env = step["env"]
    assert env["WRITER_FILES"] == "${{ inputs.files }}"
    assert env["WRITER_DATA_DIR_INPUT"] == "${{ inputs.data-dir }}"
    assert env["WRITER_ARGS"] == "${{ inputs.args }}"
    assert env["WRITER_VENV"] == "${{ steps.install.outputs.venv }}"
    for variable in ("WRITER_FILES", "WRITER_DATA_DIR_INPUT", "WRITER_ARGS", "WRITER_VENV"):
        assert f"${variable}" in script, variable  # each one is used, not just declared


def test_every_input_is_used_and_only_through_env() -> None:
    """An input not referenced is a silently ignored setting; one inside `run:` is injection."""
    runs = yaml.safe_dump(_action()["runs"])  # not the comments: what GitHub evaluates
    used = set(re.findall(r"\binputs\.([\w-]+)", runs))
    assert used == set(_action()["inputs"])
    for step in _steps():
        assert "${{" not in step.get("run", ""), step.get("name")


def test_the_install_step_installs_writer_from_the_input_or_the_action() -> None:
    step = _step("install")
    assert step["env"]["WRITER_SPEC"] == "${{ inputs.writer }}"
    assert step["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert step["env"]["WRITER_COMPILE"] == "${{ inputs.compile }}"
    assert 'spec="${WRITER_SPEC:-$ACTION_PATH}"' in step["run"]
    assert re.search(r'-m pip install .*"\$spec"', step["run"])
    assert 'echo "venv=$venv" >> "$GITHUB_OUTPUT"' in step["run"]
    (setup,) = [s for s in _steps() if str(s.get("uses", "")).startswith("actions/setup-python")]
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert setup["if"] == "inputs.python-version != ''"


def test_every_script_is_valid_bash(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not on PATH")
    for number, step in enumerate(_steps()):
        if "run" not in step:
            continue
        script = tmp_path / f"step{number}.sh"
        script.write_text(step["run"], "utf-8")
        done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert done.returncode == 0, (step.get("name"), done.stderr)


def _run_check_step(
    cwd: Path, files: str, data_dir: str = "", args: str = ""
) -> tuple[subprocess.CompletedProcess[str], str]:
    """The check step's script as GitHub runs it; (process, what it wrote to GITHUB_OUTPUT)."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not on PATH")
    venv = Path(sys.prefix)
    if not (venv / "bin" / "writer").is_file():
        pytest.skip(f"no writer script in {venv}/bin (not a virtualenv install)")
    script = cwd / "check-step.sh"
    script.write_text(_step("check")["run"], "utf-8")
    output = cwd / "github-output"
    output.write_text("", "utf-8")
    env = {
        **os.environ,
        "GITHUB_OUTPUT": str(output),
        "WRITER_VENV": str(venv),
        "WRITER_FILES": files,
        "WRITER_DATA_DIR_INPUT": data_dir,
        "WRITER_ARGS": args,
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, output.read_text("utf-8")


def test_the_check_step_annotates_the_wrong_figure_and_passes_on_the_exit_code(
    tmp_path: Path, shared_data: Path
) -> None:
    text = CORPUS_ARTICLE.read_text("utf-8")
    assert text.count(FRIDAY) == 1
    good = tmp_path / "articles" / "2025" / "rut-2025-08-08.md"
    bad = tmp_path / "articles" / "rut-2025-08-08-edited.md"
    good.parent.mkdir(parents=True)
    good.write_text(text, "utf-8")
    bad.write_text(text.replace(FRIDAY, "closing Friday's session at 2,281.42"), "utf-8")
    (tmp_path / "articles" / "notes.txt").write_text("not matched by the pattern\n", "utf-8")
    # a draft `writer draft` rejected, kept for an editor: the pattern does not match it
    rejected = tmp_path / "articles" / "2025" / "rut-2025-08-01.rejected.md"
    rejected.write_text(text.replace(FRIDAY, "closing Friday's session at 2,281.42"), "utf-8")

    done, output = _run_check_step(tmp_path, "articles/**/*.md", data_dir=str(shared_data))
    assert done.returncode == 1, done.stdout + done.stderr
    assert output == "exit-code=1\n"
    assert "writer check: 2 file(s)" in done.stdout  # `**` reached the subfolder
    line = 1 + text[: text.index(FRIDAY)].count("\n")
    annotations = [x for x in done.stdout.splitlines() if x.startswith("::")]
    assert annotations, done.stdout
    assert all(
        x.startswith(f"::error file=articles/rut-2025-08-08-edited.md,line={line},")
        for x in annotations
    ), annotations
    assert 'found "2,281.42", expected "2,218.42"' in annotations[0]

    assert "rejected" not in done.stdout + done.stderr

    # named as a plain path, a rejected draft is checked like any file
    done, output = _run_check_step(tmp_path, str(rejected.relative_to(tmp_path)), str(shared_data))
    assert (done.returncode, output) == (1, "exit-code=1\n"), done.stdout + done.stderr

    done, output = _run_check_step(tmp_path, str(good.relative_to(tmp_path)), str(shared_data))
    assert (done.returncode, output) == (0, "exit-code=0\n"), done.stdout + done.stderr
    assert not [x for x in done.stdout.splitlines() if x.startswith("::")]


def test_the_check_step_passes_the_extra_args_on(tmp_path: Path, shared_data: Path) -> None:
    """`args` is split on any whitespace and reaches writer: `--allow-unsupported` turns the
    figure about oil (which no brief holds) from an error into a warning."""
    text = CORPUS_ARTICLE.read_text("utf-8") + "\nCrude oil rose 3.1% on the week.\n"
    (tmp_path / "oil.md").write_text(text, "utf-8")
    strict, output = _run_check_step(tmp_path, "oil.md", str(shared_data))
    assert (strict.returncode, output) == (1, "exit-code=1\n"), strict.stdout + strict.stderr
    assert re.search(
        r"^::error file=oil\.md,.*title=unsupported F006 outside-brief::", strict.stdout, re.M
    )
    lenient, output = _run_check_step(
        tmp_path, "oil.md", str(shared_data), args="\n  --allow-unsupported  \n"
    )
    assert (lenient.returncode, output) == (0, "exit-code=0\n"), lenient.stdout + lenient.stderr
    assert re.search(
        r"^::warning file=oil\.md,.*title=unsupported F006 outside-brief::", lenient.stdout, re.M
    )
    assert "::error" not in lenient.stdout


def test_the_check_step_fails_as_bad_input_when_nothing_is_there(tmp_path: Path) -> None:
    """A pattern that matches nothing is a configuration mistake, not a pass: exit 2 with an
    annotation; a plain path that does not exist is writer's to name (also exit 2)."""
    done, output = _run_check_step(tmp_path, "articles/**/*.md")
    assert (done.returncode, output) == (2, "exit-code=2\n")
    assert "::error title=writer check::no file matches files: articles/**/*.md" in done.stdout

    done, output = _run_check_step(tmp_path, "missing.md")
    assert (done.returncode, output) == (2, "exit-code=2\n")
    assert "missing.md" in done.stderr
