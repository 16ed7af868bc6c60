"""The pre-commit hook (.pre-commit-hooks.yaml): its definition, its entry command, and `pre-commit try-repo`."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml

from .ci_helpers import CI_FIXTURES, run
from .conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
# The keys pre-commit accepts in a hook definition (pre-commit's clientlib MANIFEST_HOOK_DICT).
KNOWN_KEYS = {
    "id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or", "exclude_types",
    "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames", "description",
    "language_version", "log_file", "minimum_pre_commit_version", "require_serial", "stages", "verbose",
}


def hook() -> dict:
    (tebiki,) = [h for h in HOOKS if h["id"] == "tebiki"]
    return tebiki


def test_the_hook_definition_is_well_formed():
    assert isinstance(HOOKS, list) and len({h["id"] for h in HOOKS}) == len(HOOKS)
    h = hook()
    assert {"id", "name", "entry", "language"} <= set(h) and set(h) <= KNOWN_KEYS
    assert h["language"] == "python" and h["types"] == ["yaml"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert shlex.split(h["entry"])[0] in scripts  # installed by pip into the hook's environment


@pytest.mark.parametrize(
    "path, taken",
    [
        ("strategies/toyonaka.yaml", True),
        ("strategies/2025/suita.yml", True),
        ("prefectures/osaka/strategies/osaka.yaml", True),
        (".github/workflows/ci.yml", False),
        ("mkdocs.yml", False),
        ("docs/strategies.yaml", False),
        ("strategies/README.md", False),
    ],
)
def test_default_files_take_strategy_yaml_only(path, taken):
    assert bool(re.search(hook()["files"], path)) is taken


def test_the_entry_with_its_args_runs_as_pre_commit_runs_it():
    """pre-commit runs `entry args... file...`; here with the module instead of the console script."""
    h = hook()
    command = shlex.split(h["entry"])[1:] + list(h.get("args", []))
    ok = run(*command, "tests/fixtures/ci/clean.yaml", "tests/fixtures/ci/sample.yaml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = run(*command, "tests/fixtures/ci/clean.yaml", "tests/fixtures/ci/no-goals.yaml")
    assert bad.returncode == 1 and "OL01" in bad.stdout
    assert all(line.count(": ") >= 1 for line in bad.stdout.splitlines() if line.startswith("tests/fixtures/ci/no-goals.yaml:"))


def _tracked_copy(dest):
    """The working tree's tracked files (uncommitted edits included) as a fresh one-commit repository."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    files.append(".pre-commit-hooks.yaml")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    # The wheel force-includes these folders (pyproject.toml); an empty folder is not tracked by git.
    for folder in ("rules", "ontologies"):
        (dest / folder).mkdir(exist_ok=True)
        if not any((dest / folder).iterdir()):
            (dest / folder / ".keep").write_text("", encoding="utf-8")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")


def git(cwd, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo(tmp_path):
    """`pre-commit try-repo` installs the hook from this repository (pip, from the package registry) and runs it."""
    pytest.importorskip("pre_commit")
    hook_repo, user_repo = tmp_path / "tebiki-checker", tmp_path / "user"
    hook_repo.mkdir()
    user_repo.mkdir()
    _tracked_copy(hook_repo)
    (user_repo / "strategies").mkdir()
    (user_repo / "config").mkdir()
    shutil.copy(CI_FIXTURES / "clean.yaml", user_repo / "strategies" / "clean.yaml")
    shutil.copy(CI_FIXTURES / "broken.yaml", user_repo / "config" / "not-a-strategy.yaml")  # outside strategies/: not checked
    git(user_repo, "init", "-q")
    git(user_repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def try_repo(*args):
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "tebiki", "--all-files", "--verbose", *args],
            cwd=user_repo, capture_output=True, text=True, env=env, timeout=900,
        )

    passed = try_repo("--hook-stage", "pre-commit")
    assert passed.returncode == 0, passed.stdout[-3000:] + passed.stderr[-3000:]
    assert "Passed" in passed.stdout and "strategies/clean.yaml" in passed.stdout
    assert "not-a-strategy" not in passed.stdout

    shutil.copy(CI_FIXTURES / "no-goals.yaml", user_repo / "strategies" / "no-goals.yaml")
    git(user_repo, "add", "-A")
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout[-3000:]
    assert "Failed" in failed.stdout and "OL01 strategy-without-goals" in failed.stdout
