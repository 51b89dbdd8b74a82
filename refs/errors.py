"""Exceptions the library raises; the CLI maps them to exit codes."""

from __future__ import annotations


class RefsError(Exception):
    """Base class: an expected failure with a one-line message."""

    exit_code = 1


class InputError(RefsError):
    """The user's input (a path, a file, an option value) cannot be used."""

    exit_code = 2


class ConfigError(RefsError):
    """A setting (an environment variable, a config file, a base URL) is wrong."""

    exit_code = 2


class Interrupted(RefsError):
    """The user stopped the run (Ctrl-C); what was done is kept, the rest is left for a re-run."""

    exit_code = 130


class LedgerError(RefsError):
    """The ledger file named by the user cannot be opened or is not a refs ledger."""

    exit_code = 2
