using System.CommandLine;
using TomKing.Cli.Commands;

namespace TomKing.Cli;

/// <summary>The <c>tomking</c> command line.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("TomKing: Tom King's option strategies with a VIX-regime and buying-power risk framework.\n"
            + "Commands print tables by default; every command explains its options with --help.");
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PriceCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ChainCommand.Create());
        root.Subcommands.Add(EmulatorCommand.Create());
        root.Subcommands.Add(LiveCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
    }
}
