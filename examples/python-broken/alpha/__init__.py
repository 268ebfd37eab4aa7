"""Alpha signals for the breakout algorithm."""
