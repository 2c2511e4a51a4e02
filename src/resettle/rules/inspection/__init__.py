"""Inspection measures (issue 12; rulebook §10): the figures HM Inspectorate of Prisons reports on release
planning, for a prison, a region or the country, over a period. Pure: no Django here."""
