"""The domain, one package per capability (the README names each). Knows nothing of HTTP, USSD or SMS formats."""
