"""Core layer: enrichment of mail with the ERP cache — sender → partner, entities, context facts, links (no Qt).

`build_context(conn, message, today=, own_domains=)` runs on a reader thread (`db.read`); `choose_sender`, `link`,
`unlink` and `save_auto_links` on the writer thread (`db.write`); `lookup_sender_online` and `refresh_partner` on the
event loop.
"""

from mkdesk.core.context.builder import build_context
from mkdesk.core.context.links import email_history, link, links_for_message, save_auto_links, unlink
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
from mkdesk.core.context.online import OnlineLookup, lookup_sender_online
from mkdesk.core.context.refresh import PartnerRefresh, refresh_partner
from mkdesk.core.context.sender import choose_sender, forget_choice, match_sender, own_domains

__all__ = ["MATCH_METHODS", "SEGMENTS", "Balance", "DocumentFact", "DocumentMention", "EmailLink", "Entities",
           "Freshness", "HistoryItem", "InvoiceFact", "MessageContext", "OnlineLookup", "PartnerCard", "PartnerRefresh",
           "ProductMention", "PurchaseFact", "Segment", "SenderMatch", "StockFact", "WarehouseLevel", "build_context",
           "choose_sender", "email_history", "forget_choice", "link", "links_for_message", "lookup_sender_online",
           "match_sender", "own_domains", "refresh_partner", "save_auto_links", "unlink"]
