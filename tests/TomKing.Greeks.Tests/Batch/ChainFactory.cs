namespace TomKing.Greeks.Tests.Batch;

/// <summary>Seeded random option chains covering the ranges the batch must agree with the scalar kernel
/// on: calls and puts, deep in to deep out of the money (|d| up to ~45, past the tail cut-off), one
/// minute to two years, volatilities 0.05–2, negative and positive rates and yields.</summary>
internal static class ChainFactory
{
    private const double MinutesPerYear = 365.0 * 24.0 * 60.0;

    public static OptionChainBatch Create(int count, int seed, ChainModel model, bool withDegenerateLanes)
    {
        var batch = new OptionChainBatch(count, model) { Count = count };
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            OptionRight right = random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put;
            double spot = Math.Exp(LogUniform(random, Math.Log(5.0), Math.Log(6000.0)));
            // 1 minute to 2 years, log-uniform so 0DTE is as common as LEAPS.
            double years = Math.Exp(LogUniform(random, Math.Log(1.0 / MinutesPerYear), Math.Log(2.0)));
            double vol = 0.05 + (1.95 * random.NextDouble());
            double rate = -0.02 + (0.10 * random.NextDouble());
            double dividend = -0.01 + (0.06 * random.NextDouble());
            // Moneyness either in standard deviations (z up to ±45 covers both tail regimes) or plain log-moneyness.
            double logMoneyness = random.Next(2) == 0
                ? (-45.0 + (90.0 * random.NextDouble())) * vol * Math.Sqrt(years)
                : -1.5 + (3.0 * random.NextDouble());
            double strike = spot * Math.Exp(logMoneyness);
            batch.Set(i, right, spot, strike, years, rate, dividend, vol);
        }

        if (withDegenerateLanes && count > 0)
        {
            // Expired, expiring now, no volatility, NaN volatility: the scalar kernel's special cases.
            for (int i = 0; i < count; i += 5)
            {
                switch (random.Next(4))
                {
                    case 0:
                        batch.Years[i] = -0.001;
                        break;
                    case 1:
                        batch.Years[i] = 0.0;
                        break;
                    case 2:
                        batch.Volatilities[i] = 0.0;
                        break;
                    default:
                        batch.Volatilities[i] = double.NaN;
                        break;
                }
            }
        }

        return batch;
    }

    public static OptionGreeks Scalar(OptionChainBatch batch, int i, double volatility)
        => batch.Model == ChainModel.Black76
            ? Black76.Evaluate(batch.Rights[i], batch.Underlyings[i], batch.Strikes[i], batch.Years[i], batch.Rates[i], volatility)
            : BlackScholesMerton.Evaluate(batch.Rights[i], batch.Underlyings[i], batch.Strikes[i], batch.Years[i], batch.Rates[i], batch.DividendYields[i], volatility);

    private static double LogUniform(Random random, double lo, double hi) => lo + ((hi - lo) * random.NextDouble());
}
