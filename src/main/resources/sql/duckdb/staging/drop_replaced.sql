-- Inside the transaction that swaps in the freshly loaded table.
DROP TABLE {{table}}
