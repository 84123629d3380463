using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TomKing.Engine.Journal;

namespace TomKing.Cli.Commands;

/// <summary><c>tomking backup --journal live.db --out live.bak</c>: a consistent online copy of a trading
/// journal with SQLite's backup API, safe while the live runner keeps writing it. A progress bar on an
/// interactive stderr, a few plain lines otherwise.</summary>
internal static class BackupCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var journal = new Option<string?>("--journal") { Description = "The journal file to copy (it may be open in a running `tomking live`)" };
        var output = new Option<string?>("--out") { Description = "The backup file to write (written to a temporary file, then renamed)" };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists" };
        var command = new Command("backup", "Copy a trading journal consistently while it is in use (SQLite online backup).")
        {
            journal, output, force,
        };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(journal) ?? throw new UserInputException("--journal is required: the journal file to copy.");
            string destination = parse.GetValue(output) ?? throw new UserInputException("--out is required: the backup file to write.");
            Run(source, destination, parse.GetValue(force));
            return 0;
        });
        return command;
    }

    internal static void Run(string journalPath, string backupPath, bool force)
    {
        if (File.Exists(backupPath) && !force)
        {
            throw new UserInputException($"--out '{backupPath}' already exists; add --force to replace it.");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            WithProgress($"backup {journalPath}", progress => TradingJournal.BackupFile(journalPath, backupPath, progress));
        }
        catch (JournalException ex)
        {
            throw new UserInputException(ex.Message);
        }

        double megabytes = new FileInfo(backupPath).Length / 1e6;
        Console.Out.WriteLine(string.Create(Inv, $"backup: {backupPath} ({megabytes:0.0} MB in {clock.Elapsed.TotalSeconds:0.00} s)"));
    }

    /// <summary>Runs a copy with a Spectre bar on an interactive stderr, or plain lines at each quarter.</summary>
    internal static void WithProgress(string label, Action<IProgress<double>> copy)
    {
        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected || !err.Profile.Capabilities.Interactive || !err.Profile.Capabilities.Ansi)
        {
            copy(new PlainProgress(label));
            return;
        }

        err.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 1);
                copy(new BarProgress(task));
                task.Value = 1;
            });
    }

    /// <summary>Feeds the Spectre bar (ProgressTask is thread-safe).</summary>
    private sealed class BarProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }

    /// <summary>One line at each quarter for a non-terminal stderr.</summary>
    private sealed class PlainProgress(string label) : IProgress<double>
    {
        private int _nextQuarter = 1;

        public void Report(double value)
        {
            if (value * 4 < _nextQuarter)
            {
                return;
            }

            while (_nextQuarter <= value * 4)
            {
                _nextQuarter++;
            }

            Console.Error.WriteLine(string.Create(Inv, $"{label}: {value * 100:0} %"));
        }
    }
}
