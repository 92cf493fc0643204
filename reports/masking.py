"""The one masking step of every file that leaves the system.

A builder of a file (workbook, talent report, slide deck, berita acara) takes a :class:`Masking`,
captured while the page ran (the files are built later, on the click, where the session's switch
cannot be read), and passes every frame and every text it writes through it. With the anonymisation
switch on, a frame gets what the screen gets (``analytics.anonymise.anonymise_people``: pseudonyms,
masked NIPs, blanked titles, birth data and units, post titles as levels) and every text cell and
line has its 18-digit NIPs masked (``mask_nips_in_text``). Masking a masked frame changes nothing,
so a frame already anonymised for the screen keeps the same pseudonyms in the file.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.anonymise import anonymise_people, mask_nips_in_text


@dataclass(frozen=True)
class Masking:
    """``key``: the installation secret when the switch is on, None when identities may be shown."""
    key: bytes | None = None

    @property
    def on(self) -> bool:
        return self.key is not None

    def frame(self, frame: pd.DataFrame | None) -> pd.DataFrame | None:
        """``frame`` as a file may carry it."""
        if not self.on or frame is None or frame.empty:
            return frame
        out, _ = anonymise_people(frame, self.key)
        text = [c for c in out.columns if _is_text(out[c])]
        return out.assign(**{c: mask_nips_in_text(out[c].astype(object), self.key) for c in text}) if text else out

    def text(self, value: object) -> object:
        """A line of a file (a title, a context value) with NIPs masked; other values unchanged."""
        if not self.on or not isinstance(value, str):
            return value
        return mask_nips_in_text(pd.Series([value], dtype=object), self.key).iloc[0]


SHOW = Masking()   # identities may be shown (the switch is off for someone allowed to turn it off)


def _is_text(s: pd.Series) -> bool:
    return (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)
            or isinstance(s.dtype, pd.CategoricalDtype))
