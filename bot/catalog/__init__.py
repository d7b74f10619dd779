"""The catalog: loading YAML/JSON files into domain models and importing them into the store."""
