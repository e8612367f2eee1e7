"""Import and export of organizations (CSV and XLSX)."""
