-- Drops the scratch catalog and everything in it.
DETACH {{catalog}}
