"""The only package that imports ML libraries (spaCy, transformers, torch), always lazily."""
