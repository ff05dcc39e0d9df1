"""Precomputed results of polls: the staff dashboard, results pages, maps and buurt pages."""
