"""The voice channel: a pure call flow (flow, speech, wire) that emits core.contacts.effects, and a thin adapter (views)
whose effects core.contacts.runner carries out."""
