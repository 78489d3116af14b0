"""Entry layer: `mkdesk bench` — performance figures of product.md measured in one run against the emulator."""
