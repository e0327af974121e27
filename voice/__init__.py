"""The voice channel: a pure call flow (flow, speech, wire) and a thin Flask adapter (views, host)."""
