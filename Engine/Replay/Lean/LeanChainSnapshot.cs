using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Engine.Data.Lean;
using TomKing.Greeks;

namespace TomKing.Engine.Replay.Lean;

/// <summary>One contract of a chain at a minute, as <c>tomking chain</c> prints it.</summary>
/// <param name="Expiry">Expiry date.</param>
/// <param name="Strike">Strike.</param>
/// <param name="Right">Call or put.</param>
/// <param name="Bid">Bid (0 when none).</param>
/// <param name="Ask">Ask (0 when none).</param>
/// <param name="Mid">Mid (NaN unless two-sided and not crossed).</param>
/// <param name="ImpliedVolatility">Annualized IV from the mid (NaN when unavailable).</param>
/// <param name="Delta">Delta per index point.</param>
/// <param name="Gamma">Gamma per index point.</param>
/// <param name="ThetaPerDay">Theta per calendar day.</param>
/// <param name="VegaPerPoint">Vega per 1 volatility point (0.01).</param>
/// <param name="Status">Why Greeks are missing, or Available.</param>
public readonly record struct ChainRow(
    DateOnly Expiry,
    double Strike,
    OptionRight Right,
    double Bid,
    double Ask,
    double Mid,
    double ImpliedVolatility,
    double Delta,
    double Gamma,
    double ThetaPerDay,
    double VegaPerPoint,
    GreeksStatus Status);

/// <summary>A chain at one minute: the underlying level and its rows.</summary>
/// <param name="Root">Option root.</param>
/// <param name="At">Eastern minute (bar end).</param>
/// <param name="Underlying">Underlying level the Greeks used.</param>
/// <param name="UnderlyingSource">Where that level came from ("SPX index minute" or "put–call parity forward").</param>
/// <param name="Rows">Rows by expiry, strike, then call before put.</param>
/// <param name="Warnings">The market's warnings met on the way.</param>
public sealed record ChainSnapshot(Ticker Root, DateTime At, double Underlying, string UnderlyingSource, IReadOnlyList<ChainRow> Rows, IReadOnlyList<string> Warnings);

/// <summary>Reads a chain at one minute from a LEAN folder (the logic behind <c>tomking chain</c>).</summary>
public static class LeanChainSnapshot
{
    /// <summary>
    /// Replays <paramref name="root"/>'s day up to <paramref name="at"/> and returns its chain.
    /// </summary>
    /// <param name="dataFolder">LEAN data folder.</param>
    /// <param name="root">Option root (SPXW, SPX).</param>
    /// <param name="at">Eastern minute, within the regular session (09:31–16:00).</param>
    /// <param name="expiry">Only this expiry (null: all).</param>
    /// <exception cref="LeanDataException">The folder or the day's data is missing.</exception>
    /// <exception cref="ArgumentException">Unknown root, time outside the session, or no such expiry.</exception>
    public static ChainSnapshot Read(string dataFolder, Ticker root, DateTime at, DateOnly? expiry = null)
    {
        if (!InstrumentCatalogue.TryGet(root, out Instrument instrument) || instrument.Underlying.Symbol != "SPX")
        {
            throw new ArgumentException($"unknown underlying '{root}': the LEAN chain supports SPXW and SPX", nameof(root));
        }

        DateOnly day = DateOnly.FromDateTime(at);
        LeanReplayMarket market = LeanReplayMarket.Open(dataFolder, day, day, []);
        IReadOnlyList<DateTime> times = market.EvaluationTimes(day);
        if (times.Count == 0)
        {
            string why = market.Warnings.Count > 0 ? string.Join("; ", market.Warnings) : "not a trading day";
            throw new ArgumentException($"no session with data on {day:yyyy-MM-dd}: {why}", nameof(at));
        }

        if (at < times[0] || at > times[^1])
        {
            throw new ArgumentException($"{at:yyyy-MM-dd HH:mm} ET is outside the regular session {times[0]:HH:mm}–{times[^1]:HH:mm} ET (minute bar end times)", nameof(at));
        }

        foreach (DateTime t in times)
        {
            if (t > at)
            {
                break;
            }

            market.AdvanceTo(t);
        }

        if (!market.TryGetChain(root, out OptionChain chain))
        {
            throw new ArgumentException($"no {root} option quotes on {day:yyyy-MM-dd}: {string.Join("; ", market.Warnings)}", nameof(root));
        }

        var rows = new List<ChainRow>();
        for (int e = 0; e < chain.ExpiryCount; e++)
        {
            ChainExpiry ex = chain.ExpiryAt(e);
            if (expiry is DateOnly only && ex.Expiry != only)
            {
                continue;
            }

            for (int i = 0; i < ex.Count; i++)
            {
                foreach (OptionRight right in (ReadOnlySpan<OptionRight>)[OptionRight.Call, OptionRight.Put])
                {
                    Quote q = ex.QuoteAt(i, right);
                    ContractGreeks g = ex.GreeksAt(i, right);
                    bool ok = g.IsAvailable;
                    rows.Add(new ChainRow(ex.Expiry, ex.Strikes[i], right, q.Bid, q.Ask, q.Mid, g.ImpliedVolatility,
                        ok ? g.Greeks.Delta : double.NaN, ok ? g.Greeks.Gamma : double.NaN,
                        ok ? g.Greeks.ThetaPerDay : double.NaN, ok ? g.Greeks.Vega / 100.0 : double.NaN, g.Status));
                }
            }
        }

        if (expiry is DateOnly wanted && rows.Count == 0)
        {
            throw new ArgumentException($"no {root} expiry {wanted:yyyy-MM-dd} on {day:yyyy-MM-dd}; listed: {string.Join(", ", chain.Expiries.ToArray().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}", nameof(expiry));
        }

        string source = market.Warnings.Any(w => w.StartsWith($"{day:yyyy-MM-dd}: no SPX index minute trades", StringComparison.Ordinal))
            ? "put-call parity forward (no SPX index minutes that day)"
            : "SPX index minute";
        return new ChainSnapshot(root, at, chain.UnderlyingPrice, source, rows, market.Warnings);
    }
}
