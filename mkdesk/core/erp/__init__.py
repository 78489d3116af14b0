"""Core layer: the Metakocka API client (transport, wire decoding, typed errors, endpoint helpers)."""
