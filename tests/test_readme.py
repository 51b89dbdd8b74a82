"""The README's two set-up commands: CI runs the test one, and the main job works from a fresh copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from tests.support.paths import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block, "README must start with a sh block of commands"
    assert readme.index("```sh") < 20, "the commands come first"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_main_job_and_test_commands() -> None:
    main_job, tests = _commands()
    assert "refs build" in main_job and "pytest" in tests


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _commands()[1] in [line.strip() for line in ci]


def _tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_main_job_runs_from_a_fresh_copy(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    for name in _tracked_files():
        target = checkout / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    # A virtual environment that sees this interpreter's packages, so the install
    # needs no network; the package itself is built and installed from the copy.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    env = dict(os.environ)
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    env["XDG_DATA_HOME"] = str(tmp_path / "data-home")
    env.pop("REFS_LIBRARY", None)
    env["REFS_CROSSREF_URL"] = "http://127.0.0.1:9"  # no network here: the build must degrade honestly
    env.pop("PYTHONPATH", None)
    main_job = _commands()[0]
    done = subprocess.run(["bash", "-c", main_job], cwd=checkout, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "5 articles (5 added, 0 replaced, 0 unchanged), 12 sources, 8 DOIs" in done.stdout
    assert (tmp_path / "data-home" / "refs" / "ledger.sqlite").exists()
    # The installed command works outside the checkout too (bundled articles ship in the package).
    shutil.rmtree(checkout)
    again = subprocess.run(["refs", "build"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "5 articles (0 added, 0 replaced, 5 unchanged)" in again.stdout
