"""data/frames.py: joining frames built piece by piece."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.frames import concat_pieces


def _piece(nips, labels, boxes):
    return pd.DataFrame({"nip": pd.array(nips, dtype="str"),
                         "label": pd.Categorical(np.array(labels, dtype=object)),
                         "kotak": pd.array(boxes, dtype="Int8")})


def test_pieces_join_in_key_order_with_one_categorical_over_all_categories():
    pieces = [_piece(["3", "1"], ["b", None], [9, None]), _piece(["2"], ["a"], [1])]
    out = concat_pieces(pieces, sort_by="nip")
    assert out["nip"].tolist() == ["1", "2", "3"]
    assert out["label"].tolist()[1:] == ["a", "b"] and pd.isna(out["label"].iloc[0])
    assert isinstance(out["label"].dtype, pd.CategoricalDtype)
    assert out["label"].cat.categories.tolist() == ["a", "b"]   # sorted, from both pieces
    assert out["kotak"].dtype == "Int8" and out["kotak"].tolist() == [pd.NA, 1, 9]
    assert isinstance(out.index, pd.RangeIndex)
    assert pieces == []   # emptied: the pieces' memory goes as the result is built


def test_a_piece_whose_column_is_all_empty_still_joins():
    """An all-empty categorical has object categories; the union must not refuse it (a real case: a
    piece of people without any calibration reason)."""
    out = concat_pieces([_piece(["1"], [None], [1]), _piece(["2"], ["x"], [2])])
    assert out["label"].isna().tolist() == [True, False]
    assert out["label"].cat.categories.tolist() == ["x"]


def test_already_sorted_pieces_keep_their_order_and_no_pieces_give_an_empty_frame():
    out = concat_pieces([_piece(["1", "2"], ["a", "a"], [1, 2]), _piece(["3"], ["b"], [3])], sort_by="nip")
    assert out["kotak"].tolist() == [1, 2, 3]
    assert concat_pieces([]).empty
