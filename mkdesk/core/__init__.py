"""Core layer: everything that talks to Metakocka, SQLite, mail, keyring, templates and AI. Never imports Qt."""
