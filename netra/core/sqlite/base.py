"""Django's SQLite backend, with the database file readable by the service user only.

The embedded database holds encrypted reporter identities, case records and staff accounts; SQLite
creates its file with the process umask (usually 0644, readable by every local user). The file is
created 0600 before SQLite opens it, and an existing file (with its -wal/-shm companions, which SQLite
creates with the main file's mode) is tightened on every new connection.
"""

import os

from django.db.backends.sqlite3 import base

FILE_MODE = 0o600


def secure_database_file(name) -> None:
    name = str(name)
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    if not os.path.exists(name) and os.path.isdir(os.path.dirname(name) or "."):
        os.close(os.open(name, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    for path in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
        try:
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, FILE_MODE)
        except FileNotFoundError:
            continue


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        secure_database_file(conn_params.get("database", ""))
        return super().get_new_connection(conn_params)
