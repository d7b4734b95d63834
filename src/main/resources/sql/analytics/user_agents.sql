-- Songplays and distinct users per browser family and OS family of the user agent. The order of the
-- WHEN branches matters: Edge and Opera also say Chrome, Chrome also says Safari, iOS says
-- "like Mac OS X" and Android says Linux. A missing user agent is Other / Other.
SELECT browser, os, COUNT(*) AS plays, COUNT(DISTINCT user_id) AS users
FROM (
    SELECT user_id,
           CASE WHEN user_agent LIKE '%Edge/%' OR user_agent LIKE '%Edg/%' THEN 'Edge'
                WHEN user_agent LIKE '%OPR/%' OR user_agent LIKE '%Opera%' THEN 'Opera'
                WHEN user_agent LIKE '%MSIE %' OR user_agent LIKE '%Trident/%' THEN 'Internet Explorer'
                WHEN user_agent LIKE '%Firefox/%' THEN 'Firefox'
                WHEN user_agent LIKE '%Chrome/%' OR user_agent LIKE '%Chromium/%'
                     OR user_agent LIKE '%CriOS/%' THEN 'Chrome'
                WHEN user_agent LIKE '%Safari/%' THEN 'Safari'
                ELSE 'Other' END AS browser,
           CASE WHEN user_agent LIKE '%Windows%' THEN 'Windows'
                WHEN user_agent LIKE '%iPhone%' OR user_agent LIKE '%iPad%' OR user_agent LIKE '%iPod%' THEN 'iOS'
                WHEN user_agent LIKE '%Android%' THEN 'Android'
                WHEN user_agent LIKE '%Macintosh%' OR user_agent LIKE '%Mac OS X%' THEN 'Mac OS X'
                WHEN user_agent LIKE '%Linux%' OR user_agent LIKE '%X11%' THEN 'Linux'
                ELSE 'Other' END AS os
    FROM songplays
    WHERE (CAST(:from_ts AS TIMESTAMP) IS NULL OR start_time >= :from_ts)
      AND (CAST(:before_ts AS TIMESTAMP) IS NULL OR start_time < :before_ts)
      AND (CAST(:level AS VARCHAR) IS NULL OR level = :level)
) classified
GROUP BY browser, os
ORDER BY plays DESC, browser, os
