-- Reserved concurrency per function (PutFunctionConcurrency); NULL when the function draws on the unreserved pool.
ALTER TABLE functions ADD COLUMN reserved_concurrency INTEGER;
