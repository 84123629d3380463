using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;

namespace TomKing.Algorithm.Risk.Rules;

/// <summary>
/// P-7 Greeks limits, beta-weighted to SPY in SPY-share deltas: the portfolio's Greeks plus the entry's
/// (computed per unit from the chain's Greeks with <see cref="BetaWeighting"/>) must stay within
/// |delta| ≤ 50/75/100/150 and |gamma| ≤ 10/15/20/30 for phases 1–4 (inclusive). Units are capped to
/// what fits; an entry whose Greeks cannot be computed (no quote, no SPY price, no beta) is refused —
/// except a long leg offered with no bid (a far wing worth under a tick), which counts as zero —
/// and so is any entry while the portfolio is already beyond a limit.
/// </summary>
/// <remarks><b>Same-day expiries</b> (RULEBOOK-NOTES "P-7 Greeks limits", decided by the lead, flagged for
/// review): legs expiring on or before the decision day are left out of the <i>gamma</i> test, the entry's
/// (<see cref="TryEntryGreeks(EntryCheck, out PortfolioGreeks, out double)"/>) and the portfolio's
/// (<see cref="IPortfolioView.GammaExpiringBy"/> subtracted from <see cref="IPortfolioView.BetaWeightedGreeks"/>);
/// their delta still counts, and their risk is bounded by P-1 (defined-risk buying power). Measured
/// literally, a 0DTE ES iron condor at 10:30 is about −170 SPY gamma per contract against a Phase 2 limit
/// of 15, so F0 could never trade.</remarks>
/// <param name="betas">Betas to SPY.</param>
public sealed class GreeksLimitRule(BetaTable betas) : IEntryRule
{
    internal const string NoGreeks = "P-7: the entry's beta-weighted Greeks cannot be computed";
    internal const string Delta = "P-7: the entry would take beta-weighted delta beyond the phase's limit";
    internal const string Gamma = "P-7: the entry would take beta-weighted gamma beyond the phase's limit";

    private readonly BetaTable _betas = betas ?? throw new ArgumentNullException(nameof(betas));
    private string? _betaSymbol;
    private double _beta;
    private bool _betaFound;

    /// <inheritdoc />
    public string RuleId => "P-7";

    /// <summary>The SPY-share Greeks of one unit of the intent's structure (every leg).</summary>
    public bool TryEntryGreeks(EntryCheck check, out PortfolioGreeks perUnit) => TryEntryGreeks(check, out perUnit, out _);

    /// <summary>The SPY-share Greeks of one unit of the intent's structure (every leg), and the gamma P-7
    /// tests: <paramref name="limitGamma"/> leaves out legs expiring on or before the decision day.</summary>
    public bool TryEntryGreeks(EntryCheck check, out PortfolioGreeks perUnit, out double limitGamma)
    {
        perUnit = default;
        limitGamma = 0.0;
        ref readonly var structure = ref check.Structure;
        var market = check.Context.Market;
        if (structure.Count == 0 || !check.TryResolveLegs() || !TryBeta(structure.Underlying, out double beta)
            || !BetaWeighting.TrySpyPrice(market, out double spy))
        {
            return false;
        }

        var today = check.Today;
        for (int i = 0; i < structure.Count; i++)
        {
            // the legs share one underlying (OptionStructure), so one beta; chain places come from the check
            ref readonly var leg = ref structure.LegRef(i);
            var expiry = check.LegExpiry(i);
            ref readonly var g = ref expiry.GreeksRefAt(check.LegStrike(i), leg.ContractRef.Right);
            double s = expiry.UnderlyingPrice;
            if (!(s > 0.0))
            {
                return false;
            }

            if (!g.IsAvailable)
            {
                // A LONG leg offered with no bid (a far wing worth less than one tick) has negligible
                // delta and gamma; leaving it out can only overstate a short structure's exposure, so it
                // contributes nothing. Any other leg without Greeks refuses the entry.
                if (leg.Ratio > 0 && IsOfferedWithoutBid(expiry.QuoteAt(check.LegStrike(i), leg.Contract.Right)))
                {
                    continue;
                }

                return false;
            }

            var w = BetaWeighting.Weigh(g.Greeks.Delta, g.Greeks.Gamma, g.Greeks.ThetaPerDay, g.Greeks.Vega, ContractLookup.Multiplier(expiry, in leg.ContractRef) * leg.Ratio, beta, s, spy);
            perUnit += w;
            if (leg.ContractRef.Expiry > today)
            {
                limitGamma += w.Gamma;
            }
        }

        return true;
    }

    private static bool IsOfferedWithoutBid(in Domain.Quote quote) =>
        !(quote.Bid > 0.0) && quote.Ask > 0.0 && double.IsFinite(quote.Ask);

    /// <inheritdoc />
    public int Allow(EntryCheck check, int requested, out string reason)
    {
        reason = string.Empty;
        if (!TryEntryGreeks(check, out var unit, out double unitGamma))
        {
            reason = NoGreeks;
            return 0;
        }

        var limits = check.Context.Rules.GreeksLimits;
        var phase = check.Context.Phase;
        var portfolio = check.Portfolio;
        var now = portfolio.BetaWeightedGreeks;
        double nowGamma = now.Gamma - portfolio.GammaExpiringBy(check.Today);
        int byDelta = Fit(now.Delta, unit.Delta, limits.DeltaLimit(phase), requested);
        int byGamma = Fit(nowGamma, unitGamma, limits.GammaLimit(phase), requested);
        if (byDelta <= byGamma && byDelta < requested)
        {
            reason = Delta;
        }
        else if (byGamma < requested)
        {
            reason = Gamma;
        }

        return Math.Min(byDelta, byGamma);
    }

    /// <summary>The underlying's beta; the last answer is remembered by the symbol's reference (the table
    /// is immutable).</summary>
    private bool TryBeta(Domain.Ticker underlying, out double beta)
    {
        if (!ReferenceEquals(underlying.Symbol, _betaSymbol))
        {
            _betaFound = _betas.TryGet(underlying, out _beta);
            _betaSymbol = underlying.Symbol;
        }

        beta = _beta;
        return _betaFound;
    }

    /// <summary>The most units q ≤ requested with |now + q × perUnit| ≤ limit (0 if already beyond).</summary>
    private static int Fit(double now, double perUnit, double limit, int requested)
    {
        if (!double.IsFinite(now) || !double.IsFinite(perUnit) || Math.Abs(now) > limit)
        {
            return 0;
        }

        if (perUnit == 0.0)
        {
            return requested;
        }

        double room = perUnit > 0.0 ? limit - now : limit + now;
        double q = Math.Floor((room / Math.Abs(perUnit)) + 1e-9);
        return q >= requested ? requested : (int)Math.Max(q, 0.0);
    }
}
