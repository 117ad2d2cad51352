"""The shipped pre-commit hook (`.pre-commit-hooks.yaml`), run by the real pre-commit, offline.

A publisher's repository is built in a temporary folder as a publisher would have it: an
article `writer draft` wrote (with its `.brief.json` / `.check.json` sidecars), the market
data snapshots in `data/`, a README.md, and a `.pre-commit-config.yaml` naming the hook
`writer-check` with `args: [--data-dir, data]`, as the README tells publishers to write it.
Its `repo:` is a temporary git repository holding a copy of this checkout's working tree,
committed, so the hook definition under test is the working tree's `.pre-commit-hooks.yaml`
(uncommitted edits included) and the test never runs git in the checkout itself.
(`pre-commit try-repo` would commit into a shadow of the checkout, and only the changes to
files git already tracks: a new, untracked `.pre-commit-hooks.yaml` would not be in it.)

How it stays offline while still running the hook as `language: python`.  pre-commit
creates a virtualenv for the hook and runs `pip install .` in its clone of the hook
repository; that is the part worth testing (the hook repository must be installable and
must provide `writer`), but as is it would download writer's build requirements and its
dependencies from PyPI.  Environment variables make exactly that step local:

- `PIP_NO_INDEX=1`: pip may not consult any index; a download attempt fails the test.
- `PIP_NO_BUILD_ISOLATION=0`: no isolated build environment (whose requirements would come
  from PyPI); the build uses the setuptools virtualenv seeds into the hook environment from
  its bundled wheels.  (pip sets an option's own value from the variable: `0` makes
  `build_isolation` false.)
- `WRITER_PURE_PYTHON=1`: setup.py does not compile with mypyc, which is not in the hook
  environment (and would take 20 s).
- `PIP_NO_DEPS=1`: writer alone is installed.  Its dependencies (pydantic, pandas, typer,
  ...) are then found in the test's own environment: once pre-commit has installed the hook
  (`pre-commit install-hooks`), a `.pth` file in the hook environment's site-packages adds
  this interpreter's site-packages *after* the hook environment's own, so `writer` and
  `factcheck` are imported from what pre-commit installed, never from the checkout or the
  test's install (asserted below).
- `VIRTUALENV_*`: no download of newer seed wheels, and virtualenv's app data in tmp.
- Proxies pointing at a closed local port: anything that still tried the network would fail
  fast instead of reaching it.

Overriding the hook with `language: system` in the test's config would be simpler, but it
would run whatever `writer` is on PATH and test neither the hook's language nor that the
repository installs, which is what a publisher's first `pre-commit run` does.  What this
test does not cover is pip resolving writer's dependencies from PyPI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

#: Not copied into the hook repository: VCS data, virtualenvs and caches (the rest of what
#: the copy holds is filtered by its own .gitignore when it is committed).
_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv*", "venv", "build", "dist", "*.egg-info", "__pycache__",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis",
)  # fmt: skip

#: A closed local port: a proxy there refuses every connection at once.
_NO_NETWORK = "http://127.0.0.1:9"

ARTICLE = "articles/rut-2025-08-08.md"
GOOD_FRIDAY = "closing Friday's session at 2,218.42"
BAD_FRIDAY = "closing Friday's session at 2,281.42"  # two digits swapped
REJECTED = "articles/rut-2025-08-01.rejected.md"


def _environment(tmp: Path) -> dict[str, str]:
    """The environment every git / pre-commit process of the test runs in (see docstring)."""
    inherited = (
        "GIT_", "PIP_", "VIRTUALENV_", "PRE_COMMIT", "PYTHONPATH", "PYTHONHOME", "SKIP",
        "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY",
        "all_proxy", "ALL_PROXY",
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    env.update(
        # git: no user or system configuration (signing, hooks paths, templates), a fixed id
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Publisher",
        GIT_AUTHOR_EMAIL="publisher@example.invalid",
        GIT_COMMITTER_NAME="Test Publisher",
        GIT_COMMITTER_EMAIL="publisher@example.invalid",
        # pre-commit, virtualenv, pip: every cache in tmp, nothing from the network
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        VIRTUALENV_OVERRIDE_APP_DATA=str(tmp / "virtualenv-app-data"),
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        VIRTUALENV_DOWNLOAD="0",
        PIP_CONFIG_FILE=os.devnull,
        PIP_CACHE_DIR=str(tmp / "pip-cache"),
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_NO_DEPS="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        WRITER_PURE_PYTHON="1",
        http_proxy=_NO_NETWORK,
        https_proxy=_NO_NETWORK,
        HTTP_PROXY=_NO_NETWORK,
        HTTPS_PROXY=_NO_NETWORK,
    )
    return env


def _run(
    args: list[str], cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return _run(["git", *args], cwd, env).stdout.strip()


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env, check=False)


def _hook_repository(tmp: Path, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout's working tree, committed in a repository of its own: (path, commit)."""
    repo = tmp / "writer-hook-repo"
    shutil.copytree(ROOT, repo, ignore=_NOT_COPIED)
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "add", "--all")
    _git(repo, env, "commit", "--quiet", "--no-verify", "--message", "writer as a hook repo")
    assert (repo / ".pre-commit-hooks.yaml").read_bytes() == MANIFEST.read_bytes()
    return repo, _git(repo, env, "rev-parse", "HEAD")


def _publisher_repository(
    tmp: Path, env: dict[str, str], data: Path, hook_repo: Path, rev: str
) -> Path:
    """What a publisher commits: the drafted article with its sidecars, the data, a README."""
    pub = tmp / "publisher"
    (pub / "data").mkdir(parents=True)
    for csv in data.glob("*.csv"):
        shutil.copy(csv, pub / "data" / csv.name)
    _run(
        [
            sys.executable, "-m", "writer.cli", "draft", "RUT", "--week", "2025-08-08",
            "--data-dir", "data", "--out", "articles", "--offline", "--no-chart",
        ],
        pub,
        env,
    )  # fmt: skip
    assert {p.name for p in (pub / "articles").iterdir()} == {
        "rut-2025-08-08.md",
        "rut-2025-08-08.brief.json",
        "rut-2025-08-08.check.json",
    }
    # Markdown that is not an article: the hook's `exclude` must keep it from the checker,
    # which would stop on it with exit 2 ("names no index and no date").
    (pub / "README.md").write_text("# Our weekly recaps\n\nOne article a week.\n", "utf-8")
    # A draft `writer draft` rejected, kept beside the articles for an editor and committed
    # (as the scheduled workflow in docs/batches.md does): never an article, so the hook's
    # `exclude` keeps it from the checker, or every commit would fail on it.
    article = (pub / ARTICLE).read_text("utf-8")
    (pub / REJECTED).write_text(article.replace(GOOD_FRIDAY, BAD_FRIDAY), "utf-8")
    config = {
        "repos": [
            {
                "repo": str(hook_repo),
                "rev": rev,
                "hooks": [{"id": "writer-check", "args": ["--data-dir", "data"]}],
            }
        ]
    }
    (pub / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    _git(pub, env, "init", "--quiet")
    _git(pub, env, "add", "--all")
    _git(pub, env, "commit", "--quiet", "--no-verify", "--message", "this week's recap")
    return pub


def _hook_environment(env: dict[str, str]) -> Path:
    """The one virtualenv pre-commit made for the hook (PRE_COMMIT_HOME/repo*/py_env-*)."""
    envs = list(Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*"))
    assert len(envs) == 1, envs
    return envs[0]


def _lend_dependencies(hook_env: Path, env: dict[str, str]) -> None:
    """Let the hook environment import writer's dependencies from the test's environment,
    after its own site-packages (see the module docstring)."""
    python = hook_env / "bin" / "python"
    site = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        hook_env,
        env,
    ).stdout.strip()
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (Path(site) / "zz-writer-test-dependencies.pth").write_text("\n".join(ours) + "\n", "utf-8")


def test_the_shipped_hook_passes_a_true_article_and_names_the_wrong_figure(
    tmp_path: Path, shared_data: Path
) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH; pre-commit needs it")
    env = _environment(tmp_path)
    hook_repo, rev = _hook_repository(tmp_path, env)
    pub = _publisher_repository(tmp_path, env, shared_data, hook_repo, rev)

    installed = _pre_commit(pub, env, "install-hooks")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    hook_env = _hook_environment(env)
    assert (hook_env / "bin" / "writer").is_file()  # the entry point pip installed
    _lend_dependencies(hook_env, env)
    where = _run(
        [
            str(hook_env / "bin" / "python"), "-c",
            "import writer, factcheck; print(writer.__file__); print(factcheck.__file__)",
        ],
        pub,
        env,
    ).stdout.splitlines()  # fmt: skip
    assert len(where) == 2 and all(Path(f).is_relative_to(hook_env) for f in where), where

    # The whole repository, as committed: the article passes, README.md and the rejected
    # draft are not checked.
    good = _pre_commit(pub, env, "run", "--all-files", "--verbose")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "rejected" not in good.stdout, good.stdout
    assert re.search(r"^writer check .*Passed$", good.stdout, re.M), good.stdout
    # --verbose shows writer's own summary: every claim verified
    assert re.search(r": (\d+) claims, \1 verified, 0 errors", good.stdout), good.stdout

    # The publisher edits Friday's close and stages it: what `git commit` would run.
    article = pub / ARTICLE
    text = article.read_text("utf-8")
    assert text.count(GOOD_FRIDAY) == 1
    article.write_text(text.replace(GOOD_FRIDAY, BAD_FRIDAY), "utf-8")
    _git(pub, env, "add", ARTICLE)
    bad = _pre_commit(pub, env, "run")
    out = bad.stdout + bad.stderr
    assert bad.returncode == 1, out
    assert re.search(r"^writer check .*Failed$", bad.stdout, re.M), out
    assert "- exit code: 1" in out  # wrong figures: not bad input (2) nor no data (3)
    line = 1 + text[: text.index(GOOD_FRIDAY)].count("\n")
    assert re.search(
        rf'^{re.escape(ARTICLE)}:{line}:\d+: error: mismatch: found "2,281\.42", '
        r'expected "2,218\.42"',
        out,
        re.M,
    ), out
    assert re.search(r"claims, \d+ verified, 1 errors?\b", out), out  # nothing else is wrong
