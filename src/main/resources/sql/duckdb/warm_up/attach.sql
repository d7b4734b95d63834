-- A scratch catalog in memory, inside the warehouse's DuckDB and under its memory limit.
ATTACH ':memory:' AS {{catalog}}
