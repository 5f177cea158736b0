"""store stage: the only persistence code (SQLite by default, PostgreSQL by URL).

Use :func:`open_store`; see ``store.py`` for the guarantees and ``migrate.py`` for migrations.
"""

from exodus.store.migrate import MIGRATIONS, current_version, migrate
from exodus.store.reads import FACT_STATUSES, DocumentSummary, FactFilter
from exodus.store.reviews import Generation
from exodus.store.rows import fact_uid
from exodus.store.store import Outcome, RunSummary, Store, open_store

__all__ = [
    "FACT_STATUSES",
    "MIGRATIONS",
    "DocumentSummary",
    "FactFilter",
    "Generation",
    "Outcome",
    "RunSummary",
    "Store",
    "current_version",
    "fact_uid",
    "migrate",
    "open_store",
]
