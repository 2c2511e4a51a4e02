"""Projections of releases and the work they bring (issue 11): pure NumPy, no Django.

`rates` holds the parameters with their sources, `cohort` the men as arrays, `simulate` the Monte Carlo,
`receptions` the men not yet received, `bands` the percentiles and `backtest` the errors against history.
"""
