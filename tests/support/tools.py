"""Real clients the tests drive (bibtex, pandoc, Chromium...): required in CI, skipped elsewhere when absent."""

from __future__ import annotations

import os
import shutil

import pytest


def need(tool: str) -> str:
    """The path of a real client; CI must have it (its absence fails there), elsewhere the test is skipped."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed (scripts/install-test-tools installs it)")
        pytest.skip(f"{tool} is not installed; run scripts/install-test-tools")
    return path
