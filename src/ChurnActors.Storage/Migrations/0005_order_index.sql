-- The shop's lifetime fit (BG/NBD, Gamma-Gamma) reads every completed order from the log periodically; a partial
-- index keeps that read proportional to the orders, not to all events, at the price of one index entry per order.
CREATE INDEX IF NOT EXISTS events_orders ON events (seq)
    WHERE call_type = 1 AND event_name = 'Order Completed';
