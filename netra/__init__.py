"""Netra: election-neutrality software for Indonesian civil servants (ASN)."""

__version__ = "0.1.0"
