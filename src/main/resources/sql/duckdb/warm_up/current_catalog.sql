-- The connection's default catalog, to come back to.
SELECT current_database()
