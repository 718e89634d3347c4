-- Indexes for audiences over the score projection (docs/campaigns.md, "Audiences"). An audience on the customers of a
-- few top categories who have not ordered for a while (topCategory in [...] and daysSinceLastOrder > N) is counted from
-- this index alone, without reading the table: with 1,000,000 customers that is several times faster than a scan of
-- customer_scores (docs/benchmarks.md). The other representative audiences are served by the indexes of 0014.
CREATE INDEX IF NOT EXISTS customer_scores_top_category_last_order ON customer_scores (top_category, last_order_at);
