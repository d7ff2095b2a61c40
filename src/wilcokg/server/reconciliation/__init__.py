"""`/reconcile`: the W3C Entity Reconciliation API over the graph's entities."""
