"""The demo: a deterministic, realistic franchise chain (tenant `taozi`) and a small second tenant."""
