-- A string field as the service's loader reads it (COPY's BLANKSASNULL EMPTYASNULL): NULL when empty
-- or all whitespace, whitespace as Java's Character.isWhitespace has it. Most values start with a
-- visible ASCII character and skip trim, which costs more than the rest of the load.
CASE WHEN ascii({{field}}) BETWEEN 33 AND 127 THEN {{field}}
     WHEN {{field}} = '' THEN NULL
     WHEN ascii({{field}}) NOT IN ({{blank_codes}}) THEN {{field}}
     WHEN trim({{field}}, {{blanks}}) = '' THEN NULL
     ELSE {{field}} END
