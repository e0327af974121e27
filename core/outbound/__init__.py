"""What the service sends: the SMS outbox, calls, gateways, voice prompts and the caps on spending."""
