-- Most played artists, counting only songplays matched to the catalog (artist_id set). rnk numbers
-- the ordered rows 1..n: plays descending, then artist name, then artist_id.
SELECT rnk, artist_id, artist, plays
FROM (
    SELECT p.artist_id, a.name AS artist, p.plays,
           ROW_NUMBER() OVER (ORDER BY p.plays DESC, a.name, p.artist_id) AS rnk
    FROM (
        SELECT artist_id, COUNT(*) AS plays
        FROM songplays
        WHERE artist_id IS NOT NULL
          AND (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
          AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
          AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
        GROUP BY artist_id
    ) p
    LEFT JOIN artists a ON a.artist_id = p.artist_id
) ranked
WHERE rnk <= :limit
ORDER BY rnk
