using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TomKing.Engine.Journal;

namespace TomKing.Cli.Commands;

/// <summary><c>tomking restore --from live.bak --journal live.db [--force]</c>: checks a backup (SQLite
/// integrity check, journal format and schema version) and only then puts it in place of the journal,
/// through a temporary file in the journal's folder, so a failed restore leaves the old journal as it was.</summary>
internal static class RestoreCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "The backup file (written by `tomking backup`)" };
        var journal = new Option<string?>("--journal") { Description = "The journal file to restore (stop `tomking live` first)" };
        var force = new Option<bool>("--force") { Description = "Replace the journal if it exists" };
        var command = new Command("restore", "Verify a journal backup and restore it as the trading journal.")
        {
            from, journal, force,
        };
        command.SetAction(parse =>
        {
            string backup = parse.GetValue(from) ?? throw new UserInputException("--from is required: the backup file to restore.");
            string target = parse.GetValue(journal) ?? throw new UserInputException("--journal is required: the journal file to restore.");
            Run(backup, target, parse.GetValue(force));
            return 0;
        });
        return command;
    }

    internal static void Run(string backupPath, string journalPath, bool force)
    {
        if (File.Exists(journalPath) && !force)
        {
            throw new UserInputException($"--journal '{journalPath}' already exists; add --force to replace it with the backup.");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            TradingJournal.Restore(backupPath, journalPath, overwrite: force);
        }
        catch (JournalException ex)
        {
            throw new UserInputException(ex.Message);
        }

        Console.Out.WriteLine(string.Create(Inv, $"restore: {journalPath} from {backupPath} (backup verified: integrity check, journal format, schema version; {clock.Elapsed.TotalSeconds:0.00} s)"));
    }
}
