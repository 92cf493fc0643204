"""Development actions per person and period, and the reference tables development reads.

The actions themselves are written and read by :mod:`data.store.actions` (one shape with retention
actions); these are the names the pages call.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.store.actions import DEVELOPMENT, ActionsMixin
from data.store.filters import EVERYTHING, Scope


class DevelopmentMixin(ActionsMixin):
    def development_action_types(self) -> pd.DataFrame:
        return self._action_types(DEVELOPMENT)

    def development_actions(self, period: int | None = None, nips: Sequence[str] = (),
                            scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Development actions (newest first) of people inside the scope in the action's period."""
        return self._actions(DEVELOPMENT, period, nips, scope)

    def add_development_action(self, period: int, nip: str, jenis: str, uraian: str, actor: str,
                               target_tanggal=None, scope: Scope = EVERYTHING) -> int:
        """Record a planned development action; returns its id. Audited; refused for a person outside
        the scope. Allowed on a finalised period by design (the plan follows the result): the action
        then records that it was made after penetapan (``setelah_penetapan``)."""
        return self._add_action(DEVELOPMENT, period, nip, jenis, uraian, actor, target_tanggal, scope)

    def update_development_action(self, action_id: int, status: str, actor: str, scope: Scope = EVERYTHING) -> None:
        """Change an action's status. Audited (before/after); allowed on a finalised period (see
        :meth:`add_development_action`)."""
        self._update_action(DEVELOPMENT, action_id, status, actor, scope)

    def development_rules(self) -> dict[str, pd.DataFrame]:
        """Reference tables the development analytics read (none holds personal data)."""
        return {"job_level": self._frame("SELECT * FROM job_level ORDER BY urutan DESC"),
                "retirement": self._frame("SELECT * FROM rule_retirement"),
                "eligibility": self._frame("SELECT * FROM rule_eligibility")}
