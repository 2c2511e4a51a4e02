"""The base of every app: layout, clock, logs, errors, jobs, backups and `resettle serve`."""

# The service's name, as every page and message gives it.
SERVICE_NAME = "Resettle"
