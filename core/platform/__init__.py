"""Running the service: configuration, runtime services, the database, logs, staff accounts, demo data."""
