-- Inside the same transaction: readers see the old table or the new one, never a mix.
ALTER TABLE {{next}} RENAME TO {{table}}
