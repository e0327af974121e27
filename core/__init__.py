"""Domain core: models, services and reference data. Knows nothing of HTTP, USSD or SMS formats."""
