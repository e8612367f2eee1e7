"""Funding pages, one module per part: programmes, watch, checks, history, overview, gap."""
