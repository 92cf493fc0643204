"""Import of SIMATA / SIASN / e-Kinerja / CACT exports and BKPSDM spreadsheets.

Pure code, no Streamlit: the Impor Data page and ``python -m data import`` both call
:mod:`data.importing.pipeline`, which reads a file (:mod:`reader`, with :mod:`excel_reader`,
:mod:`csv_reader` and :mod:`header`; within the :mod:`limits` checked by :mod:`preflight` before
parsing, a workbook parsed in a memory-limited child process by :mod:`sandbox`), maps its columns (:mod:`fields`, :mod:`mapping`),
normalises and validates every row (the :mod:`normalise` package; :mod:`validate` with
:mod:`checks` and :mod:`kinds`, giving an :mod:`outcome`; :mod:`footer` skips "Jumlah"/"Total"
rows) and hands the rows to
:class:`data.store.Store` for one atomic write. Several files of one period (a drop) are read,
checked together and written in one transaction by :mod:`batch`. Every message a user can see is Indonesian.
"""
from data.importing.errors import Rejected
from data.importing.fields import KIND_LABELS, KINDS
from data.kinds import KIND_NOUNS

__all__ = ["KINDS", "KIND_LABELS", "KIND_NOUNS", "Rejected"]
