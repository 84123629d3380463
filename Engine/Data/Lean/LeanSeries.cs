using System.Globalization;

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// One stream of LEAN files: what the replay asks for ("SPXW index-option minute quotes"). With a
/// date it names exactly one zip (see <see cref="LeanDataPaths"/>).
/// </summary>
/// <param name="SecurityType">Asset class; decides folder, price scale and market-hours entry.</param>
/// <param name="Market">LEAN market folder: <c>usa</c> for US equities, indices and their options,
/// <c>cme</c> for ES and its options.</param>
/// <param name="Ticker">The folder ticker: the option root for options (<c>spxw</c>, not <c>spx</c>,
/// for weeklies), the product for futures (<c>es</c>). Case-insensitive; paths use lower case.</param>
/// <param name="Resolution">Bar resolution.</param>
/// <param name="TickType">Trade, quote or open interest.</param>
/// <param name="ContractMonth">Futures options only: the underlying future's contract month as
/// <c>yyyyMM</c> (the sub-folder <c>es/202003</c>); null otherwise.</param>
/// <param name="OptionStyle">Option file style token (<c>european</c>/<c>american</c>); null picks
/// the usual one (index options European, equity and futures options American).</param>
public readonly record struct LeanSeries(
    LeanSecurityType SecurityType,
    string Market,
    string Ticker,
    LeanResolution Resolution,
    LeanTickType TickType,
    string? ContractMonth = null,
    string? OptionStyle = null)
{
    /// <summary>The style token used in option file and entry names.</summary>
    public string StyleToken => OptionStyle?.ToLowerInvariant()
        ?? (SecurityType == LeanSecurityType.IndexOption ? "european" : "american");

    /// <summary>SPXW (or SPX) index-option minute files: the Tom King 0DTE data.</summary>
    public static LeanSeries IndexOptionMinute(string root, LeanTickType tickType) =>
        new(LeanSecurityType.IndexOption, "usa", root, LeanResolution.Minute, tickType);

    /// <summary>ES futures-option minute files for one underlying contract month (<c>yyyyMM</c>).</summary>
    public static LeanSeries FutureOptionMinute(string product, int contractMonth, LeanTickType tickType) =>
        new(LeanSecurityType.FutureOption, "cme", product, LeanResolution.Minute, tickType,
            contractMonth.ToString("D6", CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override string ToString() =>
        $"{SecurityType} {Market}/{Ticker}{(ContractMonth is null ? string.Empty : "/" + ContractMonth)} {Resolution} {TickType}";
}
