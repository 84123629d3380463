using System.Text.RegularExpressions;
using TomKing.Engine.Results;

namespace TomKing.Engine.Tests.Results;

public sealed partial class HtmlReportTests
{
    [Test]
    public void Render_SampleYear_NamesEveryStrategyAndSection()
    {
        string html = HtmlReport.Render(SampleResults.Year());
        foreach (string name in SampleResults.StrategyNames)
        {
            Assert.That(html, Does.Contain(">" + name + "<"), name);
        }

        foreach (string section in new[] { "Equity", "Drawdown", "P&amp;L by strategy", "Decision latency", "Skip reasons", "Trades", "Regime changes", "Warnings" })
        {
            Assert.That(html, Does.Contain("<h2>" + section + "</h2>"), section);
        }

        foreach (string card in new[] { "Net profit", "CAGR", "Sharpe", "Sortino", "Max drawdown", "Win rate", "Fees" })
        {
            Assert.That(html, Does.Contain(">" + card + "<"), card);
        }
    }

    [Test]
    public void Render_MaliciousStrings_AreEscaped()
    {
        string html = HtmlReport.Render(SampleResults.Year());
        Assert.That(html, Does.Not.Contain("<script"), "no script element at all, and none smuggled in");
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;full&quot;"));
        Assert.That(html, Does.Not.Contain("<b>not bold</b>"));
        Assert.That(html, Does.Contain("F0-5 take profit &lt;50%&gt;"));
    }

    [Test]
    public void Render_IsSelfContained_NoExternalReferences()
    {
        string html = HtmlReport.Render(SampleResults.Year());
        Assert.That(html, Does.Not.Match("(src|href)\\s*=\\s*\"(?!#)"), "only in-page links");
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("@import").And.Not.Contain("url("));
        Assert.That(html, Does.Contain("<style>").And.Contain("<svg"));
    }

    [Test]
    public void Render_Twice_IsIdentical()
    {
        string first = HtmlReport.Render(SampleResults.Year());
        string second = HtmlReport.Render(SampleResults.Year());
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Render_FromJsonRoundTrip_EqualsTheOriginalReport()
    {
        string folder = Path.Combine(Path.GetTempPath(), "tomking-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            BacktestResults results = SampleResults.Year();
            string json = Path.Combine(folder, BacktestArguments.ResultsFileName);
            string report = Path.Combine(folder, BacktestArguments.ReportFileName);
            ResultsFile.Write(results, json);
            HtmlReport.Write(results, report); // what the backtest writes

            string again = Path.Combine(folder, "again.html");
            HtmlReport.Write(ResultsFile.Read(json), again); // what `tomking report results.json --out again.html` writes
            Assert.That(File.ReadAllBytes(again), Is.EqualTo(File.ReadAllBytes(report)));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void Render_EmptyResults_StillRenders()
    {
        BacktestResults full = SampleResults.Year();
        var empty = full with
        {
            Equity = [], Trades = [], Orders = [], Decisions = [], RegimeChanges = [], Latency = [], Warnings = [],
            Strategies = [],
            Summary = PerformanceMetrics.Summarize(50_000m, [], [], 0m),
        };
        string html = HtmlReport.Render(empty);
        Assert.That(html, Does.Contain("No trading days in the results."));
        Assert.That(html, Does.Contain("n/a"));
        Assert.That(html, Does.Not.Contain("NaN"));
    }

    [Test]
    public void Render_VixGap_BreaksTheLineInsteadOfDrawingZero()
    {
        string html = HtmlReport.Render(SampleResults.Year());
        Match vix = VixPath().Match(html);
        Assert.That(vix.Success, Is.True);
        Assert.That(vix.Groups[1].Value.Trim().Split('M', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), "two segments around the two NaN days");
    }

    [Test]
    public void Write_SampleReport_ForVisualCheck()
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "sample-report.html");
        HtmlReport.Write(SampleResults.Year(), path);
        TestContext.AddTestAttachment(path, "The sample report (open it in a browser)");
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(10_000));
    }

    [GeneratedRegex("<path class=\"vix\" d=\"([^\"]*)\"")]
    private static partial Regex VixPath();
}
