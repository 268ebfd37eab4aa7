#region imports
using System;
#endregion

namespace QuantConnect.Algorithm.CSharp
{
    /// <summary>
    /// Sizes a position so that a fixed share of the portfolio is at risk.
    /// </summary>
    public class PositionSizer
    {
        private readonly decimal _riskPerTrade;

        public PositionSizer(decimal riskPerTrade)
        {
            _riskPerTrade = riskPerTrade;
        }

        public int Quantity(decimal portfolioValue, decimal price)
        {
            // Assumes a 5% stop below the entry price.
            var stopDistance = price * 0.05m;
            var shares = portfolioValue * _riskPerTrade / stopDistance;
            return (int)Math.Min(shares, portfolioValue / price);
        }
    }
}
