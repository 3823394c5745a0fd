"""Alembic environment: Kirok runs migrations itself on the connection it opened, inside
the one transaction kirok.store.db.migrate began (DDL included, on SQLite as well)."""

from alembic import context

from kirok.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
