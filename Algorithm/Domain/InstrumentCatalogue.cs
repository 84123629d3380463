using System.Collections.Frozen;

namespace TomKing.Algorithm.Domain;

/// <summary>
/// The instruments the rulebook trades or groups (P-2, P-3), with their contract facts. Point values
/// and tick sizes are the exchange specifications (as in LEAN's symbol-properties database); groups are
/// the P-3 table. Lookups are allocation-free; an unknown ticker is answered, not thrown.
/// </summary>
public static class InstrumentCatalogue
{
    private static readonly FrozenDictionary<string, Instrument> BySymbol = Build().ToFrozenDictionary(i => i.Ticker.Symbol, StringComparer.Ordinal);

    /// <summary>Every catalogued instrument.</summary>
    public static IEnumerable<Instrument> All => BySymbol.Values;

    /// <summary>Finds an instrument by ticker.</summary>
    public static bool TryGet(Ticker ticker, out Instrument instrument) => BySymbol.TryGetValue(ticker.Symbol, out instrument);

    /// <summary>The instrument for a ticker the caller knows is catalogued.</summary>
    /// <exception cref="KeyNotFoundException">The ticker is not catalogued.</exception>
    public static Instrument Get(Ticker ticker) =>
        TryGet(ticker, out var instrument) ? instrument : throw new KeyNotFoundException($"'{ticker}' is not in the instrument catalogue.");

    /// <summary>The P-3 group of an underlying (or option root); unknown tickers get
    /// <see cref="CorrelationGroup.None"/> and a refusal reason.</summary>
    public static GroupMembership GroupOf(Ticker ticker) =>
        new(ticker, TryGet(ticker, out var instrument) ? instrument.Group : CorrelationGroup.None);

    private static Instrument[] Build() =>
    [
        // A1 equity index futures
        Future("ES", "cme", CorrelationGroup.A1, 50m, 0.25m, micro: false, ExerciseStyle.American),
        Future("MES", "cme", CorrelationGroup.A1, 5m, 0.25m, micro: true, ExerciseStyle.American),
        Future("NQ", "cme", CorrelationGroup.A1, 20m, 0.25m, micro: false, ExerciseStyle.American),
        Future("MNQ", "cme", CorrelationGroup.A1, 2m, 0.25m, micro: true, ExerciseStyle.American),
        Future("RTY", "cme", CorrelationGroup.A1, 50m, 0.1m, micro: false, ExerciseStyle.American),
        Future("M2K", "cme", CorrelationGroup.A1, 5m, 0.1m, micro: true, ExerciseStyle.American),
        Future("YM", "cbot", CorrelationGroup.A1, 5m, 1m, micro: false, ExerciseStyle.American),
        Future("MYM", "cbot", CorrelationGroup.A1, 0.5m, 1m, micro: true, ExerciseStyle.American),

        // A2 equity index ETFs and cash indices
        Fund("SPY", CorrelationGroup.A2),
        Fund("QQQ", CorrelationGroup.A2),
        Fund("IWM", CorrelationGroup.A2),
        Fund("DIA", CorrelationGroup.A2),
        CashIndex("SPX", "SPX", CorrelationGroup.A2, OptionSettlement.AmCash),
        CashIndex("SPXW", "SPX", CorrelationGroup.A2, OptionSettlement.PmCash),
        CashIndex("XSP", "XSP", CorrelationGroup.A2, OptionSettlement.PmCash),

        // B1 gold and bonds
        Future("GC", "comex", CorrelationGroup.B1, 100m, 0.1m, micro: false, ExerciseStyle.American),
        Future("MGC", "comex", CorrelationGroup.B1, 10m, 0.1m, micro: true, ExerciseStyle.American),
        Fund("GLD", CorrelationGroup.B1),
        Fund("TLT", CorrelationGroup.B1),
        Future("ZB", "cbot", CorrelationGroup.B1, 1000m, 0.03125m, micro: false, ExerciseStyle.American),
        Future("ZN", "cbot", CorrelationGroup.B1, 1000m, 0.015625m, micro: false, ExerciseStyle.American),

        // B2 other metals
        Future("SI", "comex", CorrelationGroup.B2, 5000m, 0.005m, micro: false, ExerciseStyle.American),
        Future("SIL", "comex", CorrelationGroup.B2, 1000m, 0.005m, micro: true, ExerciseStyle.American),
        Fund("SLV", CorrelationGroup.B2),
        Future("HG", "comex", CorrelationGroup.B2, 25000m, 0.0005m, micro: false, ExerciseStyle.American),
        Future("PL", "nymex", CorrelationGroup.B2, 50m, 0.1m, micro: false, ExerciseStyle.American),
        Future("PA", "nymex", CorrelationGroup.B2, 100m, 0.5m, micro: false, ExerciseStyle.American),

        // C1 crude and products
        Future("CL", "nymex", CorrelationGroup.C1, 1000m, 0.01m, micro: false, ExerciseStyle.American),
        Future("MCL", "nymex", CorrelationGroup.C1, 100m, 0.01m, micro: true, ExerciseStyle.American),
        Future("QM", "nymex", CorrelationGroup.C1, 500m, 0.025m, micro: false, ExerciseStyle.American),
        Future("RB", "nymex", CorrelationGroup.C1, 42000m, 0.0001m, micro: false, ExerciseStyle.American),
        Future("HO", "nymex", CorrelationGroup.C1, 42000m, 0.0001m, micro: false, ExerciseStyle.American),
        Fund("XLE", CorrelationGroup.C1),
        Fund("XOP", CorrelationGroup.C1),

        // C2 natural gas
        Future("NG", "nymex", CorrelationGroup.C2, 10000m, 0.001m, micro: false, ExerciseStyle.American),

        // D1 grains (quoted in USD per bushel here; LEAN's raw data is in cents, price magnifier 100)
        Future("ZC", "cbot", CorrelationGroup.D1, 5000m, 0.0025m, micro: false, ExerciseStyle.American),
        Future("ZS", "cbot", CorrelationGroup.D1, 5000m, 0.0025m, micro: false, ExerciseStyle.American),
        Future("ZW", "cbot", CorrelationGroup.D1, 5000m, 0.0025m, micro: false, ExerciseStyle.American),

        // D2 livestock (USD per pound)
        Future("LE", "cme", CorrelationGroup.D2, 40000m, 0.00025m, micro: false, ExerciseStyle.American),
        Future("HE", "cme", CorrelationGroup.D2, 40000m, 0.00025m, micro: false, ExerciseStyle.American),
        Future("GF", "cme", CorrelationGroup.D2, 50000m, 0.00025m, micro: false, ExerciseStyle.American),

        // E currencies (6J is not in the P-3 table; see RULEBOOK-NOTES P-3)
        Future("6E", "cme", CorrelationGroup.E, 125000m, 0.00005m, micro: false, ExerciseStyle.American),
        Future("6B", "cme", CorrelationGroup.E, 62500m, 0.0001m, micro: false, ExerciseStyle.American),
        Future("6A", "cme", CorrelationGroup.E, 100000m, 0.00005m, micro: false, ExerciseStyle.American),
        Future("6C", "cme", CorrelationGroup.E, 100000m, 0.00005m, micro: false, ExerciseStyle.American),
        Future("6J", "cme", CorrelationGroup.E, 12500000m, 0.0000005m, micro: false, ExerciseStyle.American),
        Future("M6E", "cme", CorrelationGroup.E, 12500m, 0.0001m, micro: true, ExerciseStyle.American),
        Future("M6A", "cme", CorrelationGroup.E, 10000m, 0.0001m, micro: true, ExerciseStyle.American),

        // Inputs, not traded: VIX is the P-1 regime feed and belongs to no group.
        CashIndex("VIX", "VIX", CorrelationGroup.None, OptionSettlement.AmCash),
    ];

    private static Instrument Future(string ticker, string market, CorrelationGroup group, decimal pointValue, decimal tick, bool micro, ExerciseStyle optionExercise) =>
        new(ticker, ticker, market, AssetClass.Future, group, pointValue, tick, micro, pointValue, optionExercise, OptionSettlement.PmFuture);

    private static Instrument Fund(string ticker, CorrelationGroup group) =>
        new(ticker, ticker, "usa", AssetClass.Etf, group, 1m, 0.01m, IsMicro: false, 100m, ExerciseStyle.American, OptionSettlement.PmShares);

    private static Instrument CashIndex(string ticker, string underlying, CorrelationGroup group, OptionSettlement settlement) =>
        new(ticker, underlying, "usa", AssetClass.Index, group, 1m, 0.01m, IsMicro: false, 100m, ExerciseStyle.European, settlement);
}
