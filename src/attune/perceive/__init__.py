"""The customer side: what a message says about feelings, situation, urgency and escalation."""

from __future__ import annotations

from attune.perceive.analyze import analyze

__all__ = ["analyze"]
