"""Who a number is, what it asks, and the one runner that carries that out on every channel."""
