"""Uploaded files: one interface over local files and S3-compatible object storage."""
