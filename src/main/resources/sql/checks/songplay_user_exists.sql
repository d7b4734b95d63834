-- Violations: songplays whose user_id has no row in users.
SELECT COUNT(*)
FROM songplays sp
LEFT JOIN users u ON u.user_id = sp.user_id
WHERE u.user_id IS NULL
