"""What the bot says: to the candidate in the thread, and to HR."""
