"""Core layer: enrichment of mail with the ERP cache — sender → partner, entities, context facts, links (no Qt).

`build_context(conn, message, today=, own_domains=)` runs on a reader thread (`db.read`); `choose_sender`, `link`,
`unlink` and `save_auto_links` on the writer thread (`db.write`); `lookup_sender_online` on the event loop.
"""

from mkdesk.core.context.models import (
    MATCH_METHODS,
    SEGMENTS,
    Balance,
    DocumentFact,
    DocumentMention,
    EmailLink,
    Entities,
    Freshness,
    HistoryItem,
    InvoiceFact,
    MessageContext,
    PartnerCard,
    ProductMention,
    PurchaseFact,
    Segment,
    SenderMatch,
    StockFact,
    WarehouseLevel,
)

__all__ = ["MATCH_METHODS", "SEGMENTS", "Balance", "DocumentFact", "DocumentMention", "EmailLink", "Entities",
           "Freshness", "HistoryItem", "InvoiceFact", "MessageContext", "PartnerCard", "ProductMention",
           "PurchaseFact", "Segment", "SenderMatch", "StockFact", "WarehouseLevel"]
