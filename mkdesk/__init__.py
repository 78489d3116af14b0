"""mkdesk: the Metakocka ERP beside the sales rep's email (package root; holds only the version)."""

__version__ = "0.1.0"
