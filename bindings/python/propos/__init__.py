"""PropOS: an AI property-operations coordinator (Python bindings of the PropOS C++ SDK).

Quick start::

    import propos
    c = propos.Coordinator(database_path="ops.db", clock=propos.ManualClock())
    c.store.import_portfolio(open("portfolio.json").read())
    c.ingest("harbor", propos.IncomingMessage(provider_message_id="m1", from_="+12125550100",
                                              text="My kitchen sink is leaking"))
    c.run_until_idle()
    c.work_orders("harbor").to_pandas()

Everything from the compiled module ``propos._core`` is re-exported here: the domain records
(``WorkOrder``, ``Message``...), ``Coordinator``, the stores, providers, embedders, channels, search
and the exception classes (``propos.Error`` and one subclass per error code). Analytics tables live
in :mod:`propos.analytics`; simulated tenants, vendors and staff for what-if runs in :mod:`propos.sim`.
See docs/python.md.
"""

from . import _core
from ._core import *  # noqa: F401,F403  (the public API of the compiled module)
from ._records import RecordList, dollars, to_arrow, to_pandas, to_polars, to_records
from . import analytics, sim
from .embedders import make_embedder, reembed_if_model_changed  # issue 20

__version__: str = _core.__version__

__all__ = sorted(
    [name for name in dir(_core) if not name.startswith("_")]
    + ["RecordList", "to_records", "to_pandas", "to_arrow", "to_polars", "dollars", "analytics", "sim", "__version__",
       "make_embedder", "reembed_if_model_changed"]
)
