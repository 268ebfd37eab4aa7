# region imports
from AlgorithmImports import *
# endregion


class BreakoutSignal:
    """A close above the highest high of the last 20 days."""

    def __init__(self, algorithm, symbol):
        self._high = algorithm.max(symbol, 20)

    def is_breakout(self, close)
        return self._high.is_ready and close > self._high.current.value
