using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TomKing.Engine.Backtest;
using TomKing.Engine.Data.Lean;
using TomKing.Engine.Results;

namespace TomKing.Cli.Commands;

/// <summary>
/// <c>tomking backtest</c>: the project's main job. With no arguments it runs the built-in synthetic
/// market for one year with all five strategies and 50,000 USD; options point it at LEAN data, other
/// dates, cash, strategies, a rulebook file or another seed. Shows a progress bar on stderr (a few plain
/// lines when stderr is not a terminal), then a summary table, and writes results.json and report.html
/// into a new output folder.
/// </summary>
internal static class BacktestCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "LEAN data folder (default: the built-in synthetic market)" };
        var from = new Option<string?>("--from") { Description = "First day yyyy-MM-dd (default: 2024-01-02 for synthetic data)" };
        var to = new Option<string?>("--to") { Description = "Last day yyyy-MM-dd (default: one year after --from)" };
        var cash = new Option<string?>("--cash") { Description = "Starting cash in USD (default: 50000)" };
        var strategies = new Option<string?>("--strategies") { Description = "Comma-separated strategies (default: F0,L112,FS,IPMCC,LPL)" };
        var rulebook = new Option<string?>("--rulebook") { Description = "Rulebook JSON file, merged onto the built-in rulebook" };
        var seed = new Option<string?>("--seed") { Description = "Synthetic market seed (default: 20240805)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: out/backtest-<yyyyMMdd-HHmmss>, a new folder per run)" };
        var force = new Option<bool>("--force") { Description = "Allow --out to name a folder that already holds results (they are replaced)" };
        var command = new Command("backtest", "Run a backtest (default: synthetic market, one year, all five strategies, 50,000 USD) and write results.json and a self-contained report.html.")
        {
            data, from, to, cash, strategies, rulebook, seed, output, force,
        };
        command.SetAction(parse =>
        {
            var values = new BacktestArgumentValues
            {
                Data = parse.GetValue(data),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Cash = parse.GetValue(cash),
                Strategies = parse.GetValue(strategies),
                Rulebook = parse.GetValue(rulebook),
                Seed = parse.GetValue(seed),
                Out = parse.GetValue(output),
                Force = parse.GetValue(force),
            };
            BacktestRequest request;
            try
            {
                request = BacktestArguments.Parse(values, DateTime.Now);
            }
            catch (BacktestArgumentException ex)
            {
                throw new UserInputException(ex.Message);
            }

            return Run(request);
        });
        return command;
    }

    private static int Run(BacktestRequest request)
    {
        BacktestOptions options = request.Options;
        string source = options.LeanDataFolder is { } folder ? $"LEAN data {folder}" : $"synthetic market (seed {options.Seed.ToString(Inv)})";
        Console.Error.WriteLine($"backtest: {source}, {string.Join(",", options.Strategies)}, {options.Cash.ToString("N0", Inv)} USD, rulebook {options.RulebookSource}; Ctrl+C cancels");

        using var cancel = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true; // first Ctrl+C: stop the replay cleanly; a second one ends the process
                cancel.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        var last = new LastProgress();
        BacktestResults results;
        try
        {
            results = RunWithProgress(options, last, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            string where = last.Value is BacktestProgress p
                ? string.Create(Inv, $" after {p.DaysDone} of {p.DaysTotal} trading days (last finished {p.Day:yyyy-MM-dd}, net liq {p.NetLiq:N2})")
                : " before the first trading day finished";
            Console.Error.WriteLine($"backtest: cancelled{where} before any result could be collected, so nothing was written.");
            return 130;
        }
        catch (LeanDataException ex)
        {
            throw new UserInputException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException(ex.Message.Split(" (Parameter", 2)[0]);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }

        string jsonPath = Path.Combine(request.OutputFolder, BacktestArguments.ResultsFileName);
        string htmlPath = Path.Combine(request.OutputFolder, BacktestArguments.ReportFileName);
        try
        {
            ResultsFile.Write(results, jsonPath);
            HtmlReport.Write(results, htmlPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write the results into '{request.OutputFolder}': {ex.Message}");
        }

        // Plain text when stdout is a file or a pipe (CI logs): no colour codes.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (results.Cancelled)
        {
            string note = last.Value is BacktestProgress p
                ? string.Create(Inv, $" after {p.DaysDone} of {p.DaysTotal} trading days (last finished {p.Day:yyyy-MM-dd})")
                : string.Empty;
            Console.Error.WriteLine($"backtest: cancelled{note}; the partial results up to the last finished day were written (marked \"cancelled\": true).");
            console.MarkupLine("[yellow]cancelled: partial results[/] (the run stopped before its last day; see the warnings)");
        }

        PrintSummary(console, results);
        console.WriteLine();
        console.MarkupLine("results: " + Markup.Escape(Path.GetFullPath(jsonPath)));
        console.MarkupLine("report:  " + Markup.Escape(Path.GetFullPath(htmlPath)));
        return results.Cancelled ? 130 : 0;
    }

    /// <summary>A Spectre progress bar on stderr when it is an interactive terminal; otherwise about ten
    /// plain lines on stderr (CI logs stay short and never see control codes).</summary>
    private static BacktestResults RunWithProgress(BacktestOptions options, LastProgress last, CancellationToken token)
    {
        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected || !err.Profile.Capabilities.Interactive || !err.Profile.Capabilities.Ansi)
        {
            var lines = new PlainProgress(last);
            return BacktestRunner.Run(options, lines, token);
        }

        BacktestResults? results = null;
        err.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                results = BacktestRunner.Run(options, new BarProgress(task, last), token);
                task.Value = task.MaxValue;
            });
        return results!;
    }

    private static void PrintSummary(IAnsiConsole console, BacktestResults r)
    {
        PerformanceSummary s = r.Summary;
        RunInfo run = r.Run;
        decimal start = s.StartingNetLiq != 0m ? s.StartingNetLiq : run.StartingCash;
        console.MarkupLine($"[bold]Backtest {run.From:yyyy-MM-dd} – {run.To:yyyy-MM-dd}[/], {Markup.Escape(run.DataSource)}");
        var account = new Table().AddColumn("account").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => account.AddRow(name, value);
        Row("starting net liq", Money(s.StartingNetLiq));
        Row("ending net liq", Money(s.EndingNetLiq));
        Row("net profit", Colour(s.NetProfit, Money(s.NetProfit) + (start != 0m ? $" ({Pct((double)(s.NetProfit / start))})" : string.Empty)));
        Row("CAGR", Pct(s.Cagr));
        Row("Sharpe (daily, √252, rf 0)", Num(s.Sharpe));
        Row("Sortino (√252)", Num(s.Sortino));
        Row("max drawdown", Pct(s.MaxDrawdown));
        Row("win rate", s.Trades > 0 ? Pct(s.WinRate) : "n/a");
        Row("closed trades", s.Trades.ToString("N0", Inv));
        Row("fees", Money(s.TotalFees));
        Row("trading days", run.TradingDays.ToString("N0", Inv));
        Row("market events", $"{run.Events.ToString("N0", Inv)} ({(run.EventsPerSecond / 1e6).ToString("0.00", Inv)} M/s)");
        Row("wall time, peak memory", $"{run.WallSeconds.ToString("0.0", Inv)} s, {run.PeakWorkingSetMb.ToString("0", Inv)} MB");
        console.Write(account);

        var strategies = new Table().AddColumn("strategy");
        foreach (string c in new[] { "entries", "closed", "win rate", "realized", "open (mid)", "skips" })
        {
            strategies.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (StrategySummary st in r.Strategies)
        {
            strategies.AddRow(
                Markup.Escape(st.Strategy),
                st.Entries.ToString("N0", Inv),
                st.ClosedTrades.ToString("N0", Inv),
                st.ClosedTrades > 0 ? Pct(st.WinRate) : "–",
                Colour(st.RealizedPnl, Money(st.RealizedPnl)),
                Colour(st.UnrealizedPnl, Money(st.UnrealizedPnl)),
                st.Skips.ToString("N0", Inv));
        }

        console.Write(strategies);
        foreach (StrategySummary st in r.Strategies.Where(st => st.TopSkipReasons.Count > 0))
        {
            console.MarkupLine($"{Markup.Escape(st.Strategy)} top skip: {Markup.Escape(st.TopSkipReasons[0])}");
        }

        if (r.Warnings.Count > 0)
        {
            console.MarkupLine($"[yellow]{r.Warnings.Count.ToString(Inv)} warning(s)[/], all listed in the report and the results file; the first:");
            console.MarkupLine("  " + Markup.Escape(r.Warnings[0]));
        }
    }

    private static string Money(decimal value) => (value < 0 ? "-" : string.Empty) + Math.Abs(value).ToString("N2", Inv);

    private static string Pct(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("0.00", Inv) + " %" : "n/a";

    private static string Num(double value) => double.IsFinite(value) ? value.ToString("0.00", Inv) : "n/a";

    private static string Colour(decimal value, string text) => value > 0 ? $"[green]{text}[/]" : value < 0 ? $"[red]{text}[/]" : text;

    /// <summary>The last progress report (for the cancellation note; written and read on the runner's thread).</summary>
    private sealed class LastProgress
    {
        public BacktestProgress? Value { get; set; }
    }

    /// <summary>Feeds the Spectre bar; runs on the runner's thread (ProgressTask is thread-safe).</summary>
    private sealed class BarProgress(ProgressTask task, LastProgress last) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value)
        {
            last.Value = value;
            task.MaxValue = Math.Max(1, value.DaysTotal);
            task.Value = value.DaysDone;
            task.Description = string.Create(Inv, $"{value.Day:yyyy-MM-dd}  net liq {value.NetLiq,12:N2}  open {value.OpenPositions,3}");
        }
    }

    /// <summary>Plain lines for a non-terminal stderr: one per tenth of the run and the last day.</summary>
    private sealed class PlainProgress(LastProgress last) : IProgress<BacktestProgress>
    {
        private int _nextTenth = 1;

        public void Report(BacktestProgress value)
        {
            last.Value = value;
            int total = Math.Max(1, value.DaysTotal);
            if (value.DaysDone * 10 < _nextTenth * total && value.DaysDone != value.DaysTotal)
            {
                return;
            }

            while (_nextTenth * total <= value.DaysDone * 10)
            {
                _nextTenth++;
            }

            Console.Error.WriteLine(string.Create(Inv, $"backtest: {value.Day:yyyy-MM-dd} ({value.DaysDone}/{value.DaysTotal} days) net liq {value.NetLiq:N2}, {value.OpenPositions} open"));
        }
    }
}
