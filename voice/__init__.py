"""The voice channel: a pure call flow (flow, speech, wire) that emits core.effects, and a thin adapter (views)
whose effects core.runner carries out."""
