using System.Globalization;
using System.Text;

namespace TomKing.Greeks.Tests.RealData;

/// <summary>
/// Counts implied-vol outcomes on real quotes and checks each one independently of the solver:
/// a failure must be a genuine violation of the European no-arbitrage bounds
/// D·max(F − K, 0) ≤ C &lt; D·F and D·max(K − F, 0) ≤ P &lt; D·K, and a solution must reprice the mid.
/// </summary>
internal sealed class IvTally
{
    /// <summary>Rounding allowance when comparing a mid with a bound: 1e-12 of D·max(F, K), far
    /// below the 0.005 price tick and far above the solver's own 16-ulp allowance.</summary>
    public const double BoundTolerance = 1e-12;

    /// <summary>Round trip: the Black price at the solved vol must equal the mid to 1e-12 relative.</summary>
    public const double RoundTripTolerance = 1e-12;

    private readonly List<string> _violations = [];
    private readonly List<string> _failureSamples = [];
    private readonly SortedDictionary<string, int> _byRightAndStatus = new(StringComparer.Ordinal);

    public int TwoSided { get; private set; }

    public int Expired { get; private set; }

    public int NoForward { get; private set; }

    public int Solved { get; private set; }

    public int BelowIntrinsic { get; private set; }

    public int AboveMaximum { get; private set; }

    public int Other { get; private set; }

    public double WorstRoundTrip { get; private set; }

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Quotes that reached the solver (two-sided, not expired, with a forward).</summary>
    public int Attempted => Solved + BelowIntrinsic + AboveMaximum + Other;

    public double SolvedShare => Attempted == 0 ? double.NaN : (double)Solved / Attempted;

    public void CountTwoSided() => TwoSided++;

    public void CountExpired() => Expired++;

    public void CountNoForward() => NoForward++;

    /// <summary>Records one solve of a quote priced off <paramref name="forward"/> with discount <paramref name="discount"/> = e^(−rT).</summary>
    public void Record(ImpliedVolatilityResult result, OptionRight right, double mid, double forward, double strike, double years, double rate, double discount, string label)
    {
        double intrinsic = right == OptionRight.Call ? discount * Math.Max(forward - strike, 0.0) : discount * Math.Max(strike - forward, 0.0);
        double maximum = right == OptionRight.Call ? discount * forward : discount * strike;
        double tolerance = BoundTolerance * discount * Math.Max(forward, strike);
        string inputs = string.Create(CultureInfo.InvariantCulture, $"{label} {right} price={mid:R} F={forward:R} K={strike:R} T={years:R} D={discount:R} (intrinsic {intrinsic:R}, max {maximum:R})");
        string key = $"{right} {result.Status}";
        _byRightAndStatus[key] = _byRightAndStatus.GetValueOrDefault(key) + 1;
        if (!result.IsSolved && _failureSamples.Count < 6)
        {
            _failureSamples.Add(string.Create(CultureInfo.InvariantCulture, $"{result.Status} by {intrinsic - mid:F4} ({(right == OptionRight.Call ? forward / strike : strike / forward):F3}× in the money): {inputs}"));
        }

        switch (result.Status)
        {
            case ImpliedVolatilityStatus.Solved:
                Solved++;
                if (mid < intrinsic - tolerance || mid > maximum + tolerance)
                {
                    _violations.Add("solved outside the bounds: " + inputs);
                }

                double repriced = Black76.Price(right, forward, strike, years, rate, result.Volatility);
                double relative = Math.Abs(repriced - mid) / mid;
                WorstRoundTrip = Math.Max(WorstRoundTrip, relative);
                if (!(relative <= RoundTripTolerance))
                {
                    _violations.Add(string.Create(CultureInfo.InvariantCulture, $"round trip {relative:E2} at vol {result.Volatility:R}: {inputs}"));
                }

                break;
            case ImpliedVolatilityStatus.BelowIntrinsic:
                BelowIntrinsic++;
                if (!(mid < intrinsic + tolerance))
                {
                    _violations.Add("BelowIntrinsic but not below intrinsic: " + inputs);
                }

                break;
            case ImpliedVolatilityStatus.AboveMaximum:
                AboveMaximum++;
                if (!(mid > maximum - tolerance))
                {
                    _violations.Add("AboveMaximum but not above the maximum: " + inputs);
                }

                break;
            default:
                Other++;
                _violations.Add($"{result.Status}: " + inputs);
                break;
        }
    }

    public string Report(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  two-sided quotes      {TwoSided,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  expired (T ≤ 0)       {Expired,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  no forward            {NoForward,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  attempted             {Attempted,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  solved                {Solved,7}  ({SolvedShare:P3} of attempted)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  BelowIntrinsic        {BelowIntrinsic,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  AboveMaximum          {AboveMaximum,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  other statuses        {Other,7}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  worst round trip      {WorstRoundTrip:E2} relative");
        foreach (var (key, count) in _byRightAndStatus)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {key,-24} {count,7}");
        }

        foreach (string sample in _failureSamples)
        {
            text.AppendLine("  e.g. " + sample);
        }

        foreach (string v in _violations.Take(20))
        {
            text.AppendLine("  VIOLATION " + v);
        }

        return text.ToString();
    }
}
