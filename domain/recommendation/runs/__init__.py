"""Recommendation runs: a keyed, resumable job that forecasts, allocates and writes one draft per store."""
