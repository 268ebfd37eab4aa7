# region imports
from AlgorithmImports import *
# endregion

from utils.signals import MomentumSignal


class MomentumAlgorithm(QCAlgorithm):
    """Holds SPY while its fast trend is above its slow trend and momentum agrees."""

    def initialize(self):
        self.set_start_date(2020, 1, 1)
        self.set_end_date(2023, 12, 31)
        self.set_cash(100000)

        self._symbol = self.add_equity("SPY", Resolution.DAILY).symbol
        self._fast = self.sma(self._symbol, 20)
        self._slow = self.sma(self._symbol, 50)
        self._signal = MomentumSignal(self, self._symbol)

        self.set_warm_up(timedelta(days=60))
        self.schedule.on(
            self.date_rules.every_day(self._symbol),
            self.time_rules.after_market_open(self._symbol, 30),
            self._rebalance,
        )

    def _rebalance(self):
        if self.is_warming_up:
            return
        fast = self._fast.current.value
        slow = self._slow.current.value
        if fast > slow * 1.01 and self._signal.is_bullish():
            self.set_holdings(self._symbol, 0.8)
        elif fast < slow and self.portfolio[self._symbol].invested:
            self.liquidate(self._symbol)
            self.debug(f"Exited {self._symbol} at {self.time}: fast SMA below slow")
