"""Getting articles in: loaders per file format, cleaning and passages, the ingest pipeline."""
