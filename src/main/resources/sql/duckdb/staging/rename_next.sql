-- Inside the same transaction: readers see the old table or the new one, never a mix. The new name
-- is a bare one, as RENAME TO takes.
ALTER TABLE {{next}} RENAME TO {{name}}
