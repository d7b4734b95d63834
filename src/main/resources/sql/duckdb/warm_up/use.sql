-- Makes {{catalog}} the connection's default catalog for the statements that follow.
USE {{catalog}}
