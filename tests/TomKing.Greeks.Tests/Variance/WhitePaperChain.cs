using System.Globalization;

namespace TomKing.Greeks.Tests.Variance;

/// <summary>One expiry of the CBOE VIX white paper's worked example (TestData/vix/*.csv:
/// strike, call bid, call ask, put bid, put ask).</summary>
internal sealed class WhitePaperChain
{
    private WhitePaperChain(double[] strikes, double[] callBids, double[] callAsks, double[] putBids, double[] putAsks)
    {
        Strikes = strikes;
        CallBids = callBids;
        CallAsks = callAsks;
        PutBids = putBids;
        PutAsks = putAsks;
    }

    public double[] Strikes { get; }

    public double[] CallBids { get; }

    public double[] CallAsks { get; }

    public double[] PutBids { get; }

    public double[] PutAsks { get; }

    public static WhitePaperChain NearTerm => Load("near_term.csv");

    public static WhitePaperChain NextTerm => Load("next_term.csv");

    public int IndexOf(double strike) => Array.IndexOf(Strikes, strike);

    public ExpiryVariance Compute(double years, double rate, Span<double> deltaStrikes = default, Span<double> contributions = default) =>
        ModelFreeVariance.ForExpiry(Strikes, CallBids, CallAsks, PutBids, PutAsks, years, rate, deltaStrikes, contributions);

    private static WhitePaperChain Load(string file)
    {
        var rows = File.ReadLines(TestPaths.TestData("vix", file))
            .Where(line => line.Length > 0 && char.IsAsciiDigit(line[0]))
            .Select(line => line.Split(',').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return new WhitePaperChain(
            rows.Select(r => r[0]).ToArray(),
            rows.Select(r => r[1]).ToArray(),
            rows.Select(r => r[2]).ToArray(),
            rows.Select(r => r[3]).ToArray(),
            rows.Select(r => r[4]).ToArray());
    }
}
