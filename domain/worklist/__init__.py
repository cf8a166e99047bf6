"""The worklist: what a merchandiser (or regional manager) should do next, most urgent first."""
