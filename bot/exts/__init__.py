"""discord.py extensions (cogs), one per area, and the command tree's error handler."""
