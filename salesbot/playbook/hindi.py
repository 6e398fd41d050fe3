"""Hindi twins of the stock lines of a simulated call (being written)."""
