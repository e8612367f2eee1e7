"""Reads in funding, one module per part: programmes (the catalogue and matching), overview
(readiness of a region), gap (the funding gap dashboard)."""
