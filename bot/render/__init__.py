"""Pure rendering: service results to discord.Embed, terminal text or PNG bytes."""
