"""The USSD channel: a pure menu engine (engine, screens) that emits core.contacts.effects, and a thin adapter (views,
sessions) whose effects core.contacts.runner carries out."""
