-- Most played songs, counting only songplays matched to the catalog. rnk numbers the ordered rows
-- 1..n (ROW_NUMBER, so ties get consecutive ranks): plays descending, then title, artist, song_id.
-- :from_ts / :before_ts / :level are NULL when the caller gave no bound.
SELECT rnk, song_id, title, artist, plays
FROM (
    SELECT p.song_id, s.title, a.name AS artist, p.plays,
           ROW_NUMBER() OVER (ORDER BY p.plays DESC, s.title, a.name, p.song_id) AS rnk
    FROM (
        SELECT song_id, artist_id, COUNT(*) AS plays
        FROM songplays
        WHERE song_id IS NOT NULL
          AND (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
          AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
          AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
        GROUP BY song_id, artist_id
    ) p
    JOIN songs s ON s.song_id = p.song_id
    LEFT JOIN artists a ON a.artist_id = p.artist_id
) ranked
WHERE rnk <= :limit
ORDER BY rnk
