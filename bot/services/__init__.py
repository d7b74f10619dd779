"""Services shared by slash commands and terminal commands; they take the store."""
