"""Kirok (기록, "record"): reports on state repression in North Korea → a sourced record."""

__version__ = "0.1.0"
