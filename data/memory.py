"""How a process hands freed memory back: the dashboard and the importer (national scale: 4.7M ASN in 4 GB).

A national population is read, placed and cached in frames of hundreds of MB. glibc's malloc
keeps freed heap for reuse and, after the first large free, raises its mmap threshold so later
large blocks come from that heap too: a process that has computed the placements three times (a
cache clear, a new import) then holds the freed copies as well. Measured at 1M ASN: clearing the
caches gave back 3 MB by default and 95 MB with a fixed threshold.
"""
from __future__ import annotations

import ctypes

import pyarrow as pa

_M_MMAP_THRESHOLD = -3         # mallopt parameter (malloc.h)
_MMAP_THRESHOLD = 128 * 1024   # glibc's default, fixed: a block this large is returned when freed


def _libc():
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:            # not glibc (macOS, musl): the allocator's defaults stay
        return None


def return_large_blocks() -> None:
    """Large blocks (frame columns, Arrow buffers) go back to the OS when freed. Idempotent.

    Arrow allocates through the C heap too (its default, mimalloc, keeps freed segments: measured at
    4.7M ASN, 130–190 MB more at each page's peak), so its buffers follow the same threshold."""
    if (libc := _libc()) is not None and hasattr(libc, "mallopt"):
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        pa.set_memory_pool(pa.system_memory_pool())


def release_freed() -> None:
    """Hand back what Arrow's pool and the heap keep of freed memory (after a large computation)."""
    pa.default_memory_pool().release_unused()
    if (libc := _libc()) is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
