"""The kinds of data an import brings, and the words a message uses for each. Shared by the
importer (data.importing) and the store (undo messages), which must not import each other."""
from __future__ import annotations

KIND_NOUNS = {
    "personnel": "data kepegawaian",
    "performance": "data kinerja",
    "assessment": "data asesmen",
    "discipline": "data hukuman disiplin",
    "target-posts": "data jabatan target",
    "position-history": "data riwayat jabatan",
}
