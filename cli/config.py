"""The user's settings file, ``refs.toml``: defaults below the command line and the environment.

Keys: ``library`` (the ledger file), ``mailto`` (Crossref's polite pool), ``format`` (the default
``--format`` of every command that offers it). Its place: ``$REFS_CONFIG``, else ``refs.toml`` in the
user's config directory (``~/.config/refs/refs.toml`` on Linux).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs

from refs.errors import ConfigError

ENV_CONFIG = "REFS_CONFIG"
KEYS = ("library", "mailto", "format")
# Which --format choices each command offers.
_FORMATS = {
    "articles": ("table", "json", "csv"), "sources": ("table", "json", "csv"), "claims": ("table", "json"),
    "resolve": ("text", "json"), "show": ("text", "json"), "check": ("text", "json", "html"),
}
_MAILTO_COMMANDS = ("build", "resolve", "check", "add")


def path() -> Path:
    return Path(os.environ.get(ENV_CONFIG) or platformdirs.user_config_path("refs") / "refs.toml").expanduser()


def load(where: Path | None = None) -> dict[str, str]:
    """The settings in the file (none when it does not exist); ConfigError when it cannot be used."""
    where = where or path()
    if not where.exists():
        return {}
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{where}: cannot read the settings file ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML ({error})") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(KEYS)})")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where}: {key} must be a non-empty string")
    return {key: str(value) for key, value in data.items()}


def default_map(settings: dict[str, str]) -> dict[str, Any]:
    """Click's ``default_map`` for the settings: used where neither the command line nor the environment
    says otherwise."""
    defaults: dict[str, Any] = {}
    if "library" in settings:
        defaults["library"] = str(Path(settings["library"]).expanduser())
    if "mailto" in settings:
        for command in _MAILTO_COMMANDS:
            defaults.setdefault(command, {})["mailto"] = settings["mailto"]
    if "format" in settings:
        for command, choices in _FORMATS.items():
            if settings["format"] in choices:
                defaults.setdefault(command, {})["fmt"] = settings["format"]
    return defaults
