-- After a committed run: fresh statistics for the planner on the table the run replaced.
ANALYZE {{table}}
