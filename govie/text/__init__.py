"""Text preparation: normalisation with an offset map back to the caller's string."""
from .normalize import NormalizedText, normalize

__all__ = ["NormalizedText", "normalize"]
