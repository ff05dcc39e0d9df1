"""Exports of answers and results (CSV, XLSX, SPSS, GeoJSON), the council report and open data."""
