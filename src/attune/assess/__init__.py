"""The reply side: stance, dimensions and evidence of an agent's reply, in context."""

from __future__ import annotations

from attune.assess.assess import assess

__all__ = ["assess"]
