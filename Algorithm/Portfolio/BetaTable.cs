using System.Collections.Frozen;
using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Portfolio;

/// <summary>
/// Betas of underlyings against SPY, for beta-weighting the portfolio's Greeks (P-7). A leg's delta in
/// SPY shares is <c>Δ_SPY = Δ × multiplier × contracts × β × S / S_SPY</c> (S the underlying price),
/// its gamma <c>Γ_SPY = Γ × multiplier × contracts × (β × S / S_SPY)²</c>. The price ratio carries the
/// size (SPX ≈ 10 × SPY, so one SPX point of delta is about ten SPY shares); β carries the co-movement.
/// </summary>
/// <remarks>
/// Default betas (rounded long-run estimates of daily-return regressions on SPY; a user may replace
/// them): SPY, SPX, SPXW, XSP, ES, MES 1.00 · QQQ, NQ, MNQ 1.15 · IWM, RTY, M2K 1.15 · DIA, YM, MYM 0.95 ·
/// GLD, GC, MGC 0.05 · SLV, SI, SIL 0.25 · HG 0.35 · PL, PA 0.30 · TLT, ZB, ZN −0.25 · CL, MCL, QM, RB, HO,
/// XLE, XOP 0.50 · NG 0.10 · ZC, ZS, ZW 0.15 · LE, HE, GF 0.10 · 6E, M6E, 6B 0.20 · 6A, M6A, 6C 0.30 ·
/// 6J −0.10. An underlying without a beta cannot be weighted: the portfolio reports it as missing and the
/// P-7 rule refuses entries on it.
/// </remarks>
public sealed class BetaTable
{
    private readonly FrozenDictionary<string, double> _betas;

    /// <summary>Creates a table from ticker → beta pairs.</summary>
    public BetaTable(IEnumerable<KeyValuePair<string, double>> betas)
    {
        ArgumentNullException.ThrowIfNull(betas);
        _betas = betas.ToFrozenDictionary(p => p.Key.Trim().ToUpperInvariant(), p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The documented defaults (see remarks).</summary>
    public static BetaTable Default { get; } = new(DefaultBetas());

    /// <summary>The beta of an underlying against SPY.</summary>
    public bool TryGet(Ticker underlying, out double beta) => _betas.TryGetValue(underlying.Symbol, out beta);

    private static IEnumerable<KeyValuePair<string, double>> DefaultBetas()
    {
        static IEnumerable<KeyValuePair<string, double>> Set(double beta, params string[] tickers) =>
            tickers.Select(t => KeyValuePair.Create(t, beta));

        return Set(1.00, "SPY", "SPX", "SPXW", "XSP", "ES", "MES")
            .Concat(Set(1.15, "QQQ", "NQ", "MNQ", "IWM", "RTY", "M2K"))
            .Concat(Set(0.95, "DIA", "YM", "MYM"))
            .Concat(Set(0.05, "GLD", "GC", "MGC"))
            .Concat(Set(0.25, "SLV", "SI", "SIL"))
            .Concat(Set(0.35, "HG"))
            .Concat(Set(0.30, "PL", "PA"))
            .Concat(Set(-0.25, "TLT", "ZB", "ZN"))
            .Concat(Set(0.50, "CL", "MCL", "QM", "RB", "HO", "XLE", "XOP"))
            .Concat(Set(0.10, "NG", "LE", "HE", "GF"))
            .Concat(Set(0.15, "ZC", "ZS", "ZW"))
            .Concat(Set(0.20, "6E", "M6E", "6B"))
            .Concat(Set(0.30, "6A", "M6A", "6C"))
            .Concat(Set(-0.10, "6J"));
    }
}
