"""ui/components.py: the decimals a person table shows."""
from __future__ import annotations

import pandas as pd

from ui import components


def _cells(styled) -> list[list[str]]:
    return [line.split("|")[1:] for line in styled.to_string(delimiter="|").splitlines()[1:]]


def test_float_columns_read_the_indonesian_way_and_the_rest_is_untouched():
    frame = pd.DataFrame({"nip": ["1", "2"], "kotak": [9, 8], "potensial_nilai": [1234.56, None]})
    styled = components.local_decimals(frame, lang="id")
    assert styled.data is frame                       # only the display changes, not the numbers
    assert _cells(styled) == [["1", "9", "1.234,6"], ["2", "8", ""]]


def test_english_keeps_the_decimal_point():
    assert _cells(components.local_decimals(pd.DataFrame({"jpm": [1234.5]}), lang="en")) == [["1,234.5"]]


def test_a_frame_without_floats_is_passed_as_it_is():
    frame = pd.DataFrame({"nip": ["1"], "kotak": [9]})
    assert components.local_decimals(frame, lang="id") is frame


def test_a_long_list_keeps_the_grids_own_number_display():
    """Styling costs Streamlit time per row: above the bound the frame goes out rounded, unstyled."""
    frame = pd.DataFrame({"jpm": [97.54321] * (components.STYLED_ROWS_MAX + 1)})
    plain = components.local_decimals(frame, lang="id")
    assert isinstance(plain, pd.DataFrame) and set(plain["jpm"]) == {97.5}   # same precision, no Styler
    assert components.local_decimals(frame.head(components.STYLED_ROWS_MAX), lang="id") is not frame
