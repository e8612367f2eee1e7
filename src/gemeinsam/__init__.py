"""gemeinsam — a platform for agencies that empower migrant organizations."""
