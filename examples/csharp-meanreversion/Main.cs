#region imports
using System;
using QuantConnect.Data;
using QuantConnect.Indicators;
#endregion

namespace QuantConnect.Algorithm.CSharp
{
    /// <summary>
    /// Buys SPY below its lower Bollinger band when RSI is oversold and
    /// sells it back at the middle band. The missing semicolon in
    /// Initialize is on purpose: this project shows a C# build error.
    /// </summary>
    public class MeanReversionAlgorithm : QCAlgorithm
    {
        private Symbol _symbol;
        private BollingerBands _bands;
        private RelativeStrengthIndex _rsi;
        private PositionSizer _sizer;

        public override void Initialize()
        {
            SetStartDate(2021, 1, 1);
            SetCash(100000);
            _symbol = AddEquity("SPY", Resolution.Daily).Symbol;
            _bands = BB(_symbol, 20, 2m, MovingAverageType.Simple, Resolution.Daily);
            _rsi = RSI(_symbol, 14, MovingAverageType.Wilders, Resolution.Daily)
            _sizer = new PositionSizer(0.02m);
            SetWarmUp(TimeSpan.FromDays(30));
        }

        public override void OnData(Slice slice)
        {
            if (IsWarmingUp || !slice.Bars.TryGetValue(_symbol, out var bar))
            {
                return;
            }

            if (!Portfolio.Invested && bar.Close < _bands.LowerBand && _rsi < 30)
            {
                var quantity = _sizer.Quantity(Portfolio.TotalPortfolioValue, bar.Close);
                MarketOrder(_symbol, quantity);
            }
            else if (Portfolio.Invested && bar.Close > _bands.MiddleBand)
            {
                Liquidate(_symbol);
            }
        }
    }
}
