"""Core layer: mail — parsing, sanitizing, storing and importing messages into the cache (no Qt).

`parse.py` and `sanitize.py` are pure (any thread); `store.py` functions run on the cache's writer thread (`db.write`);
`importer.py` streams files into the store in batches. See docs/mail.md.
"""
