"""Trained models that ship with govie (installed as the package ``govie.models``).

``default/`` is what ``govie.load()`` uses. Models are directories of JSON,
npz and spaCy msgpack files; nothing here is pickled.
"""
