"""The recommendation engine: demand forecast, network allocation, recommendation runs."""
