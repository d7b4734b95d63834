SELECT COUNT(*) FROM {{table}}
