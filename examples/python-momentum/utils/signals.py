# region imports
from AlgorithmImports import *
# endregion


class MomentumSignal:
    """Bullish when RSI is mid-range and 10-day momentum clears a threshold."""

    def __init__(self, algorithm, symbol):
        self._rsi = algorithm.rsi(symbol, 14)
        self._momentum = algorithm.momp(symbol, 10)
        self._threshold = 0.02

    def is_bullish(self):
        if not (self._rsi.is_ready and self._momentum.is_ready):
            return False
        rsi = self._rsi.current.value
        return 30 < rsi < 70 and self._momentum.current.value > self._threshold * 100
