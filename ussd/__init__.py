"""The USSD channel: a pure menu engine (engine, screens) that emits core.effects, and a thin adapter (views,
sessions) whose effects core.runner carries out."""
