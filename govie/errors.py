"""One catalogue of govie's errors, so users can search a code and tests can assert it.

Each message says what went wrong and what to do about it.
"""
from __future__ import annotations


class Errors:
    E001 = "extract() takes a str, not {type}. Decode bytes first, or use govie.read(path) for files."
    E002 = "year must be an int between 1949 and 2100, not {value!r}."
    E003 = "No such file or directory: {path}."
    E005 = "Could not read {path}: {reason}."
    E006 = ("No model at {path}: expected a govie model directory containing meta.json. "
            "Train one with `govie train` or call govie.load() for the bundled model.")
    E007 = ("The model at {path} was written by govie model format {found}, but this govie reads "
            "format {expected}. Retrain it with `govie train`.")
    E008 = ("The model at {path} contains {name}, a file that could execute code when loaded "
            "(pickle/joblib). govie never loads such files; remove it and retrain.")
    E009 = "The model at {path} is damaged: {reason}. Retrain it with `govie train`."
    E010 = "Text of {size:,} characters exceeds the limit of {limit:,}; split the document or raise max_chars."


class GovieError(Exception):
    """Base class: every error govie raises on purpose carries a code from Errors."""

    def __init__(self, code: str, **fields):
        self.code = code
        message = getattr(Errors, code).format(**fields)
        super().__init__(f"[{code}] {message}")


class ModelError(GovieError, ValueError):
    """A model directory that cannot be used."""


class InputError(GovieError, ValueError):
    """Input that govie cannot process."""


class InputTypeError(GovieError, TypeError):
    """Input of a type govie does not take (bytes where text is expected)."""


class FileContentError(ValueError):
    """A file its format's library opens but govie cannot use (a scanned or locked PDF).

    Raised without the path, which ``govie.read`` adds when it turns this into E005.
    """
