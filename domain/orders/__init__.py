"""Orders: a proposal (the engine's pick for one store) carried through to delivery."""
