-- DELETE rather than TRUNCATE: TRUNCATE commits at once on Redshift, and the whole transform must
-- stay one transaction.
DELETE FROM {{table}}
