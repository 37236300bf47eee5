"""Errors of the storage layer (codes ``E5xx``)."""

from __future__ import annotations

from attune.errors import AttuneError


class StoreError(AttuneError):
    """The database cannot be used as it is."""

    code = "E500"
    exit_code = 4


class DatabaseNewerError(StoreError):
    """The database was migrated by a newer attune than this one."""

    code = "E501"


class DatabaseNotReadyError(StoreError):
    """The database is unreachable or lacks the tables of this attune."""

    code = "E502"
