"""Output formats: full (rich), concise and json."""
