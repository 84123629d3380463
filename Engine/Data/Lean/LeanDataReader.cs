using System.Diagnostics.CodeAnalysis;
using TomKing.Engine.Data.Lean.MarketHours;

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// The entry point a replay uses over one LEAN data root: finds a day's zip for a series, takes the
/// data time zone from the market-hours database, and opens the zip for streaming. A missing file is
/// not an exception: <see cref="TryOpen"/> returns false and logs a <see cref="LeanDamage.MissingFile"/>
/// warning in <see cref="Issues"/>, so the backtest decides (skip a holiday, report a vendor gap).
/// Corrupt files throw <see cref="LeanDataException"/>; bad rows follow <see cref="LeanReadOptions.Mode"/>.
/// </summary>
public sealed class LeanDataReader
{
    /// <summary>Binds a data root, its market-hours database and the read options.</summary>
    public LeanDataReader(LeanDataPaths paths, MarketHoursDatabase marketHours, LeanReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(marketHours);
        Paths = paths;
        MarketHours = marketHours;
        Options = options ?? new LeanReadOptions();
    }

    /// <summary>File-naming rules over the root.</summary>
    public LeanDataPaths Paths { get; }

    /// <summary>Sessions, holidays and time zones.</summary>
    public MarketHoursDatabase MarketHours { get; }

    /// <summary>Read mode and issue log.</summary>
    public LeanReadOptions Options { get; }

    /// <summary>Every missing file and skipped row so far.</summary>
    public LeanDataIssueLog Issues => Options.Issues;

    /// <summary>Opens <c>market-hours/market-hours-database.json</c> under <paramref name="root"/> and binds a reader.</summary>
    public static LeanDataReader ForRoot(string root, LeanReadOptions? options = null)
    {
        var paths = new LeanDataPaths(root);
        return new LeanDataReader(paths, MarketHoursDatabase.Load(paths.MarketHoursDatabase), options);
    }

    /// <summary>How a series' rows are read: price scale, time column and the data time zone of its
    /// market-hours entry (futures options use their future's entry).</summary>
    public LeanRowFormat FormatOf(in LeanSeries series)
    {
        MarketHoursEntry entry = MarketHours.GetEntry(series.SecurityType, series.Market, series.Ticker.ToUpperInvariant());
        return new LeanRowFormat(series.SecurityType, series.Resolution, series.TickType, entry.DataTimeZone);
    }

    /// <summary>
    /// Opens the zip of <paramref name="series"/> on <paramref name="date"/>; false (and a logged
    /// warning naming the expected path) when it does not exist.
    /// </summary>
    public bool TryOpen(in LeanSeries series, DateOnly date, [NotNullWhen(true)] out LeanArchive? archive)
    {
        LeanFileLocation location = Paths.Locate(series, date);
        if (!location.Exists)
        {
            Options.Issues.Add(new LeanDataIssue(LeanDamage.MissingFile, location.ExpectedPath, null, 0, $"no {series} file for {date:yyyy-MM-dd}"));
            archive = null;
            return false;
        }

        archive = LeanArchive.Open(location.ExistingPath!, FormatOf(series), date, Options);
        return true;
    }

    /// <summary>A row reader sharing this reader's options (one per replay thread; reuse it across files).</summary>
    public LeanRowReader CreateRowReader() => new(Options);
}
