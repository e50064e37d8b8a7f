"""Test doubles for a host's own tests (issue 18): the in-memory store with fault injection.

    import propos
    from propos.testing import MemoryStoreFaults, open_memory_store

    faults = MemoryStoreFaults()
    store = open_memory_store(faults=faults)
    faults.fail_nth_commit(1)          # the next commit fails: nothing of it is kept
    faults.busy_for(2)                 # the next two transactions are refused (propos.Busy)

The store has the whole Store contract with SQLite's semantics and errors, nothing on disk; stores
opened on one `new_memory_database()` share their data, as processes on one SQLite file do.
"""
from ._core import MemoryDatabase, MemoryStoreFaults, new_memory_database, open_memory_store

__all__ = ["MemoryDatabase", "MemoryStoreFaults", "new_memory_database", "open_memory_store"]
