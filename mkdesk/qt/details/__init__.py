"""Qt layer: detail panes beside the browse tables (partner, document, product); they render what they are given."""
