using System.Globalization;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Backtest;

namespace TomKing.Engine.Results;

/// <summary>The <c>tomking backtest</c> options exactly as typed (null = not given).</summary>
public sealed record BacktestArgumentValues
{
    /// <summary><c>--data</c>: LEAN data folder.</summary>
    public string? Data { get; init; }

    /// <summary><c>--from</c>: yyyy-MM-dd.</summary>
    public string? From { get; init; }

    /// <summary><c>--to</c>: yyyy-MM-dd.</summary>
    public string? To { get; init; }

    /// <summary><c>--cash</c>: starting cash, USD.</summary>
    public string? Cash { get; init; }

    /// <summary><c>--strategies</c>: comma-separated strategy names.</summary>
    public string? Strategies { get; init; }

    /// <summary><c>--rulebook</c>: rulebook JSON file.</summary>
    public string? Rulebook { get; init; }

    /// <summary><c>--seed</c>: synthetic market seed.</summary>
    public string? Seed { get; init; }

    /// <summary><c>--out</c>: output folder.</summary>
    public string? Out { get; init; }

    /// <summary><c>--force</c>: allow writing into a folder that already holds results.</summary>
    public bool Force { get; init; }
}

/// <summary>A validated backtest request: the runner's options and the folder the files go to.</summary>
/// <param name="Options">For <c>BacktestRunner.Run</c>.</param>
/// <param name="OutputFolder">Where <see cref="BacktestArguments.ResultsFileName"/> and
/// <see cref="BacktestArguments.ReportFileName"/> are written (as given or the default, relative or absolute).</param>
public sealed record BacktestRequest(BacktestOptions Options, string OutputFolder);

/// <summary>
/// Turns the typed <c>tomking backtest</c> options into a <see cref="BacktestRequest"/>, or a
/// <see cref="BacktestArgumentException"/> whose message is one line telling the user what is wrong and
/// what would be right (bad date, from after to, unknown strategy, non-positive cash, missing data
/// folder, invalid rulebook file with the loader's message, an output folder that already holds results).
/// </summary>
public static class BacktestArguments
{
    /// <summary>Results file name inside the output folder.</summary>
    public const string ResultsFileName = "results.json";

    /// <summary>HTML report file name inside the output folder.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>Folder under which default output folders are created.</summary>
    public const string DefaultOutRoot = "out";

    private static readonly string StrategyNames = string.Join(", ", Enum.GetNames<StrategyId>());

    /// <summary>Validates the values. <paramref name="now"/> (local time) names the default output folder
    /// <c>out/backtest-yyyyMMdd-HHmmss</c> (with -2, -3 … if that exists, so a run never reuses a folder).</summary>
    /// <exception cref="BacktestArgumentException">A value is wrong; the message says which and why.</exception>
    public static BacktestRequest Parse(BacktestArgumentValues values, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = new BacktestOptions();

        if (values.Data is { } data)
        {
            if (string.IsNullOrWhiteSpace(data))
            {
                throw Error("--data needs a LEAN data folder (the folder holding equity/, option/, index/ …).");
            }

            if (!Directory.Exists(data))
            {
                throw Error(File.Exists(data)
                    ? $"--data '{data}' is a file; give the LEAN data folder (the folder holding equity/, option/, index/ …)."
                    : $"--data '{data}': folder not found.");
            }

            options = options with { LeanDataFolder = data };
            if (values.Seed is not null)
            {
                throw Error("--seed applies to the built-in synthetic market only; leave it out with --data.");
            }
        }

        DateOnly? from = values.From is null ? null : ParseDate(values.From, "--from");
        DateOnly? to = values.To is null ? null : ParseDate(values.To, "--to");
        if (from is DateOnly f && to is DateOnly t && f > t)
        {
            throw Error($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}.");
        }

        options = options with { From = from, To = to };

        if (values.Cash is { } cashText)
        {
            if (!decimal.TryParse(cashText, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal cash))
            {
                throw Error($"--cash '{cashText}': expected an amount in USD, e.g. 50000.");
            }

            if (cash <= 0m)
            {
                throw Error($"--cash must be positive (got {cashText}).");
            }

            if (cash > 1_000_000_000m)
            {
                throw Error($"--cash {cashText} is above the supported 1,000,000,000 USD.");
            }

            options = options with { Cash = cash };
        }

        if (values.Strategies is { } list)
        {
            options = options with { Strategies = ParseStrategies(list) };
        }

        if (values.Rulebook is { } rulebookPath)
        {
            if (string.IsNullOrWhiteSpace(rulebookPath))
            {
                throw Error("--rulebook needs a rulebook JSON file.");
            }

            if (!File.Exists(rulebookPath))
            {
                throw Error($"--rulebook '{rulebookPath}': file not found.");
            }

            RulebookLoadResult loaded = RulebookFile.Load(rulebookPath);
            if (!loaded.Succeeded)
            {
                throw Error("--rulebook: " + string.Join("; ", loaded.Errors));
            }

            options = options with { Rulebook = loaded.Settings!, RulebookSource = rulebookPath };
        }

        if (values.Seed is { } seedText)
        {
            if (!ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
            {
                throw Error($"--seed '{seedText}': expected a whole number from 0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}.");
            }

            options = options with { Seed = seed };
        }

        return new BacktestRequest(options, OutputFolder(values.Out, values.Force, now));
    }

    /// <summary>Parses "F0,L112,..." (case-insensitive, spaces allowed, duplicates ignored).</summary>
    /// <exception cref="BacktestArgumentException">Empty list or an unknown name.</exception>
    public static IReadOnlyList<StrategyId> ParseStrategies(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<StrategyId>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.GetNames<StrategyId>().Any(n => string.Equals(n, part, StringComparison.OrdinalIgnoreCase))
                || !Enum.TryParse(part, ignoreCase: true, out StrategyId id))
            {
                throw Error($"--strategies: unknown strategy '{part}' (use {StrategyNames}).");
            }

            if (!result.Contains(id))
            {
                result.Add(id);
            }
        }

        return result.Count > 0 ? result : throw Error($"--strategies is empty (use a comma-separated list of {StrategyNames}).");
    }

    private static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly value)
            ? value
            : throw Error($"{option} '{text}': expected a date yyyy-MM-dd, e.g. 2024-01-02.");

    private static string OutputFolder(string? given, bool force, DateTime now)
    {
        if (given is not null)
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                throw Error("--out needs a folder.");
            }

            if (File.Exists(given))
            {
                throw Error($"--out '{given}' is a file; give a folder.");
            }

            if (!force && (File.Exists(Path.Combine(given, ResultsFileName)) || File.Exists(Path.Combine(given, ReportFileName))))
            {
                throw Error($"--out '{given}' already holds a backtest ({ResultsFileName}); choose another folder or add --force to overwrite it.");
            }

            return given;
        }

        string stem = Path.Combine(DefaultOutRoot, "backtest-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string folder = stem;
        for (int n = 2; Directory.Exists(folder) || File.Exists(folder); n++)
        {
            folder = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return folder;
    }

    private static BacktestArgumentException Error(string message) => new(message);
}

/// <summary>A <c>tomking backtest</c> option the user got wrong (the message is meant for them, one line).</summary>
public sealed class BacktestArgumentException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public BacktestArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BacktestArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (prefer the other constructors).</summary>
    public BacktestArgumentException()
    {
    }
}
