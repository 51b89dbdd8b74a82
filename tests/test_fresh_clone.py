"""A fresh clone passes its tests with nothing beside it: the README's test command, run in a copy of the
repository alone (nothing beside it, as in a fresh clone), in its own virtual environment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from tests.support.paths import ROOT


def _test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block
    return [line.strip() for line in block.group(1).splitlines() if line.strip()][1]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_the_readme_test_command_passes_in_a_copy_of_the_repository_alone(tmp_path: Path) -> None:
    checkout = tmp_path / "alone" / "refs"  # nothing beside it: no sibling folders of the checkout
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    for name in listed.stdout.splitlines():
        if (ROOT / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, checkout / name)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "REFS_"))}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    env.pop("PYTHONPATH", None)
    # The copy runs every test but this one and the other fresh-copy test (they would recurse).
    command = _test_command() + " -q -p no:cacheprovider -k 'not fresh_clone and not fresh_copy'"
    done = subprocess.run(["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True,
                          timeout=1800)
    assert done.returncode == 0, (done.stdout[-3000:] + done.stderr[-2000:])
    assert re.search(r"\d+ passed", done.stdout)
