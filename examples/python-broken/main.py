# region imports
from AlgorithmImports import *
# endregion

from alpha.signals import BreakoutSignal


class BreakoutAlgorithm(QCAlgorithm):
    """Buys QQQ when it closes above its 20-day high; alpha/signals.py does not compile."""

    def initialize(self):
        self.set_start_date(2021, 1, 1)
        self.set_cash(50000)
        self._symbol = self.add_equity("QQQ", Resolution.DAILY).symbol
        self._signal = BreakoutSignal(self, self._symbol)

    def on_data(self, data: Slice):
        bar = data.bars.get(self._symbol)
        if bar and self._signal.is_breakout(bar.close):
            self.set_holdings(self._symbol, 1)
