"""Health checks for load balancers and orchestrators, answered by ``OperationsMiddleware``.

- ``/health/live``: the process answers; touches nothing else.
- ``/health/ready``: the database answers, every migration this code knows is applied, and,
  with ``TASK_BACKEND=database``, the task queue's table can be read. Otherwise 503 with a
  short reason. No personal data, no login; after the first success it costs one query.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

# Once every migration is applied it stays so for the life of the process (the process's
# code, and so its migrations, cannot change); only until then is the plan read again.
_migrated = False


@dataclass(frozen=True)
class Health:
    ok: bool
    reason: str = ""

    def as_json(self) -> dict[str, str]:
        return {"status": "ok"} if self.ok else {"status": "unavailable", "reason": self.reason}


def _migrations_applied(connection) -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def readiness() -> Health:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("health: the database does not answer")
        return Health(False, "database unreachable")
    try:
        if not _migrations_applied(connection):
            return Health(False, "migrations not applied")
    except DatabaseError:
        return Health(False, "migrations not applied")
    if settings.TASK_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        try:
            list(DBTaskResult.objects.order_by().values_list("pk", flat=True)[:1])
        except DatabaseError:
            logger.warning("health: the task queue cannot be read")
            return Health(False, "task queue unreachable")
    return Health(True)
