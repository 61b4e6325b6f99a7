"""shortlink: short links for long URLs."""

__version__ = "1.4.0"
