"""Emulator layer: a faithful Metakocka API server (ASGI); imports nothing from mkdesk.core or mkdesk.qt."""
