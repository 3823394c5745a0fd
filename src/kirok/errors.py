"""Kirok's exceptions, one small tree so callers can catch at the level they need.

    KirokError
    ├── IngestError          a file or URL could not be turned into a report
    │   └── BadInputError    unreadable, binary, empty, oversize, wrongly encoded, malformed
    ├── StoreError           the database could not be opened or migrated
    ├── NotFoundError        no record or report with that id
    ├── AccountError         an account, password, role or token was refused
    ├── EvalError            a gold folder is missing or malformed
    └── ModelError           a learned filter could not be trained or loaded
"""


class KirokError(Exception):
    """Base of every error Kirok raises on purpose; its message tells the user what to do."""


class IngestError(KirokError):
    pass


class BadInputError(IngestError):
    pass


class StoreError(KirokError):
    pass


class NotFoundError(KirokError):
    pass


class AccountError(KirokError):
    pass


class EvalError(KirokError):
    pass


class ModelError(KirokError):
    pass
