"""The reminder ladder: unconfirmed proposals get a reminder, then escalate to the merchandiser and the regional manager."""
