"""The benchmark's parts (``scripts/benchmark.py`` is the command): helpers shared with the child
processes, the children of each phase, the pages phase, the parent's child runner and the report."""
