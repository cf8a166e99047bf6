"""Messages: one thread per store between the franchisee and its merchandiser (and managers when escalated)."""
