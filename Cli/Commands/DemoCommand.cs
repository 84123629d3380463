using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TomKing.Greeks;

namespace TomKing.Cli.Commands;

/// <summary>
/// <c>tomking demo</c>: the pricing layer end to end on a built-in SPXW-like market at a Friday 10:30
/// ET 0DTE decision: quotes with a volatility skew, implied vols and Greeks for the whole chain in one
/// batch call, the F0-3 strike choice (delta closest to 0.16, never above 0.25, longs 30 points out),
/// and the model-free 30-day VIX-equivalent from the two expiries bracketing 30 days.
/// </summary>
internal static class DemoCommand
{
    private static readonly DateTime Decision = new(2021, 1, 8, 10, 30, 0);
    private static readonly DateOnly Today = new(2021, 1, 8);

    public static Command Create()
    {
        var spot = new Option<double>("--spot") { Description = "SPX level at the decision", DefaultValueFactory = _ => 3805.0 };
        var vol = new Option<double>("--atm-vol") { Description = "At-the-money volatility of the built-in skew (0.18 = 18 %)", DefaultValueFactory = _ => 0.18 };
        var command = new Command("demo", "Price a built-in SPXW-like 0DTE chain at Friday 10:30 ET: IVs and Greeks for every strike, the F0-3 strike choice, and the model-free VIX-equivalent.")
        {
            spot, vol,
        };
        command.SetAction(parse =>
        {
            double s = parse.GetValue(spot);
            double atm = parse.GetValue(vol);
            if (!(s > 100 && s < 100_000) || !(atm > 0.01 && atm < 3))
            {
                throw new UserInputException("--spot must be in (100, 100000) and --atm-vol in (0.01, 3).");
            }

            Run(s, atm);
            return 0;
        });
        return command;
    }

    private static void Run(double spot, double atmVol)
    {
        const double rate = 0.001;
        double t0 = ExpiryTime.YearsToExpiry(Decision, Today, SettlementStyle.PmClose);
        double[] strikes = Enumerable.Range(0, 25).Select(i => (Math.Round(spot / 5) * 5) - 120 + (10 * i)).ToArray();
        var batch = new OptionChainBatch(strikes.Length * 2, ChainModel.Black76);
        batch.Count = strikes.Length * 2;
        for (int i = 0; i < strikes.Length; i++)
        {
            for (int side = 0; side < 2; side++)
            {
                OptionRight right = side == 0 ? OptionRight.Put : OptionRight.Call;
                double v = SkewVolatility(atmVol, spot, strikes[i], t0);
                double fair = Black76.Price(right, spot, strikes[i], t0, rate, v);
                double mid = Math.Max(0.05, Math.Round(fair * 20) / 20); // SPXW ticks 0.05
                batch.Set((2 * i) + side, right, spot, strikes[i], t0, rate, 0.0, double.NaN, mid);
            }
        }

        var watch = Stopwatch.StartNew();
        ChainEvaluator.SolveImpliedVolatilitiesAndGreeks(batch);
        double microseconds = watch.Elapsed.TotalMicroseconds;

        var table = new Table().Title($"SPXW 0DTE chain at {Decision:yyyy-MM-dd HH:mm} ET, spot {spot.ToString(CultureInfo.InvariantCulture)}, {t0 * 365 * 24:F2} h to the close");
        foreach (string c in new[] { "strike", "put mid", "put IV", "put Δ", "call mid", "call IV", "call Δ", "F0-3" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        int shortPut = ClosestDelta(batch, OptionRight.Put);
        int shortCall = ClosestDelta(batch, OptionRight.Call);
        int longPut = shortPut < 0 ? -1 : FirstAtLeast(strikes, strikes[shortPut / 2] - 30, down: true);
        int longCall = shortCall < 0 ? -1 : FirstAtLeast(strikes, strikes[shortCall / 2] + 30, down: false);
        for (int i = 0; i < strikes.Length; i++)
        {
            int p = 2 * i;
            int c = p + 1;
            string mark = i == shortPut / 2 ? "short put" : i == shortCall / 2 ? "short call" : i == longPut ? "long put" : i == longCall ? "long call" : string.Empty;
            table.AddRow(
                F(strikes[i], "F0"), F(batch.MarketPrices[p], "F2"), Iv(batch, p), F(batch.Deltas[p], "F3"),
                F(batch.MarketPrices[c], "F2"), Iv(batch, c), F(batch.Deltas[c], "F3"), mark);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"IV + all Greeks for {batch.Count} options in one batch call: [bold]{microseconds:F1} µs[/] (first call, includes JIT; see `tomking bench greeks` for steady state).");
        if (shortPut >= 0 && shortCall >= 0)
        {
            AnsiConsole.MarkupLine($"F0-3 iron condor: short {strikes[shortPut / 2]}P (Δ {batch.Deltas[shortPut]:F3}) / long {(longPut >= 0 ? strikes[longPut] : double.NaN)}P, short {strikes[shortCall / 2]}C (Δ {batch.Deltas[shortCall]:F3}) / long {(longCall >= 0 ? strikes[longCall] : double.NaN)}C.");
        }

        ShowVixEquivalent(spot, atmVol, rate);
    }

    /// <summary>A simple equity-index skew: vol rises to the downside, flattens to the upside, and
    /// short expiries are more skewed in strike terms.</summary>
    private static double SkewVolatility(double atmVol, double spot, double strike, double years)
    {
        double k = Math.Log(strike / spot) / Math.Sqrt(Math.Max(years, 1.0 / 365));
        return Math.Max(0.05, atmVol * (1.0 - (0.9 * k) + (0.6 * k * k)));
    }

    private static int ClosestDelta(OptionChainBatch batch, OptionRight right)
    {
        int best = -1;
        double bestGap = double.PositiveInfinity;
        for (int i = 0; i < batch.Count; i++)
        {
            if (batch.Rights[i] != right || batch.ImpliedVolatilityStatuses[i] != ImpliedVolatilityStatus.Solved)
            {
                continue;
            }

            double delta = Math.Abs(batch.Deltas[i]);
            double gap = Math.Abs(delta - 0.16);
            if (delta <= 0.25 && gap < bestGap)
            {
                bestGap = gap;
                best = i;
            }
        }

        return best;
    }

    private static int FirstAtLeast(double[] strikes, double target, bool down)
    {
        if (down)
        {
            for (int i = strikes.Length - 1; i >= 0; i--)
            {
                if (strikes[i] <= target)
                {
                    return i;
                }
            }

            return -1;
        }

        for (int i = 0; i < strikes.Length; i++)
        {
            if (strikes[i] >= target)
            {
                return i;
            }
        }

        return -1;
    }

    private static void ShowVixEquivalent(double spot, double atmVol, double rate)
    {
        // Near and next expiries bracketing 30 days: 2021-02-05 (28 d) and 2021-02-12 (35 d).
        Span<ExpiryVariance> expiries = stackalloc ExpiryVariance[2];
        DateOnly[] dates = [new(2021, 2, 5), new(2021, 2, 12)];
        for (int e = 0; e < 2; e++)
        {
            double t = ExpiryTime.YearsToExpiry(Decision, dates[e], SettlementStyle.PmClose);
            double forward = spot * Math.Exp(rate * t);
            double[] strikes = Enumerable.Range(0, 241).Select(i => Math.Round(forward / 5) * 5 - 1200 + (10 * i)).ToArray();
            double[] callBid = new double[strikes.Length];
            double[] callAsk = new double[strikes.Length];
            double[] putBid = new double[strikes.Length];
            double[] putAsk = new double[strikes.Length];
            for (int i = 0; i < strikes.Length; i++)
            {
                double v = SkewVolatility(atmVol, forward, strikes[i], t);
                double c = Black76.Price(OptionRight.Call, forward, strikes[i], t, rate, v);
                double p = Black76.Price(OptionRight.Put, forward, strikes[i], t, rate, v);
                (callBid[i], callAsk[i]) = Quote(c);
                (putBid[i], putAsk[i]) = Quote(p);
            }

            expiries[e] = ModelFreeVariance.ForExpiry(strikes, callBid, callAsk, putBid, putAsk, t, rate);
        }

        ConstantMaturityVariance vix = ModelFreeVariance.ThirtyDay(expiries);
        AnsiConsole.MarkupLine($"Model-free 30-day VIX-equivalent (CBOE method, 2021-02-05 and 2021-02-12 chains): [bold]{vix.Index:F2}[/] ({vix.Status}); ATM vol of the skew {atmVol * 100:F1}.");
    }

    private static (double Bid, double Ask) Quote(double fair)
    {
        if (fair < 0.05)
        {
            return (0.0, 0.05);
        }

        double half = Math.Max(0.05, fair * 0.01);
        return (Math.Max(0.0, Math.Round((fair - half) * 20) / 20), Math.Round((fair + half) * 20) / 20);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Iv(OptionChainBatch batch, int i) =>
        batch.ImpliedVolatilityStatuses[i] == ImpliedVolatilityStatus.Solved ? (batch.ImpliedVolatilities[i] * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : batch.ImpliedVolatilityStatuses[i].ToString();
}
