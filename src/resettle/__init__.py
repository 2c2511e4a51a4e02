"""Resettle: release planning and public protection for prisons in England and Wales."""
