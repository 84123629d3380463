using System.CommandLine;
using TomKing.Engine.Results;

namespace TomKing.Cli.Commands;

/// <summary><c>tomking report results.json [--out report.html]</c>: re-renders the HTML report from a
/// results file alone (the same report the backtest wrote for those results).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Argument<string>("results") { Description = "A results file written by `tomking backtest` (results.json)" };
        var output = new Option<string?>("--out") { Description = "HTML file to write (default: report.html beside the results file; replaced if it exists)" };
        var command = new Command("report", "Re-render the self-contained HTML report from a backtest results file.")
        {
            results, output,
        };
        command.SetAction(parse =>
        {
            string json = parse.GetValue(results)!;
            string html = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(json) ?? string.Empty, BacktestArguments.ReportFileName);
            Run(json, html);
            return 0;
        });
        return command;
    }

    internal static void Run(string jsonPath, string htmlPath)
    {
        if (Directory.Exists(htmlPath))
        {
            throw new UserInputException($"--out '{htmlPath}' is a folder; give the HTML file to write, e.g. {Path.Combine(htmlPath, BacktestArguments.ReportFileName)}.");
        }

        if (string.Equals(Path.GetFullPath(htmlPath), Path.GetFullPath(jsonPath), StringComparison.Ordinal))
        {
            throw new UserInputException($"--out '{htmlPath}' is the results file itself; give another file name.");
        }

        BacktestResults results;
        try
        {
            results = ResultsFile.Read(jsonPath);
        }
        catch (ResultsFileException ex)
        {
            throw new UserInputException(ex.Message);
        }

        try
        {
            HtmlReport.Write(results, htmlPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write '{htmlPath}': {ex.Message}");
        }

        Console.Out.WriteLine($"report: {htmlPath}");
    }
}
