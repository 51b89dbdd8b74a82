"""refs: a ledger of claims and the sources they come from."""

__version__ = "0.1.0"
