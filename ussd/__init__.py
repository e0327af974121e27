"""The USSD channel: a pure menu engine (engine, screens, effects) and a thin Flask adapter (views, sessions, host)."""
