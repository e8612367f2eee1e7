"""Funding programmes and readiness checks: rules as data, evaluated over facts about an
organization (see `ruledoc` for the format and `facts` for what rules may ask)."""
