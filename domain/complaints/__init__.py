"""Complaints: filed by a franchisee or logged by a merchandiser, tracked to a deadline, escalated when late."""
