"""Domain: the catalog's entities, parsing of sizes and dates, and errors. No I/O."""
