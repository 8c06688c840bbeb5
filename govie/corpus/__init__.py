"""The annotated corpus: authoring markup, records, validation, statistics, conversions."""
