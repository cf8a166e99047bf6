"""Calls the server makes to addresses a tenant, a user or the operator gave (chat webhooks, the
SMS gateway): one guard that refuses internal addresses, pins the address it checked, follows
no redirect, stops at a timeout and reads at most a few kilobytes of the reply."""
