"""Signals shared by the momentum algorithm."""
