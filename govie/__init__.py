"""govie: who must do what, by when, measured how — from Chinese government work plans.

>>> import govie
>>> doc = govie.extract("1.新增养老床位200张。(区民政局牵头)", year=2018)
>>> doc.tasks[0].lead[0].text
'区民政局'
"""
from .api import extract, extract_many, load
from .document import Document, Entity, Relation, Section, Task
from .errors import GovieError, InputError, InputTypeError, ModelError
from .extractor import Extractor
from .reader import read

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "load", "read", "Document", "Entity", "Relation", "Section", "Task",
           "Extractor", "GovieError", "InputError", "InputTypeError", "ModelError", "__version__"]
