"""The public job board: verified live jobs on the web, and a way to pass them on, for anyone without an account."""
