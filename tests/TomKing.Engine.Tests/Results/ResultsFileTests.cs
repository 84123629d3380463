using TomKing.Engine.Results;

namespace TomKing.Engine.Tests.Results;

public sealed class ResultsFileTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tomking-results-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void WriteRead_SampleYear_RoundTripsEveryField()
    {
        BacktestResults results = SampleResults.Year();
        string path = Path.Combine(_folder, "results.json");
        ResultsFile.Write(results, path);
        BacktestResults back = ResultsFile.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(back.Run with { Strategies = [] }, Is.EqualTo(results.Run with { Strategies = [] }));
            Assert.That(back.Run.Strategies, Is.EqualTo(results.Run.Strategies));
            Assert.That(back.Summary, Is.EqualTo(results.Summary));
            Assert.That(back.Equity, Is.EqualTo(results.Equity), "EquityPoint has no lists: record equality, NaN VIX included");
            Assert.That(back.Trades, Is.EqualTo(results.Trades));
            Assert.That(back.Orders, Is.EqualTo(results.Orders));
            Assert.That(back.RegimeChanges, Is.EqualTo(results.RegimeChanges));
            Assert.That(back.Warnings, Is.EqualTo(results.Warnings));
            Assert.That(back.Strategies.Select(s => s with { TopSkipReasons = [] }), Is.EqualTo(results.Strategies.Select(s => s with { TopSkipReasons = [] })));
            Assert.That(back.Strategies.Select(s => s.TopSkipReasons), Is.EqualTo(results.Strategies.Select(s => s.TopSkipReasons)));
            Assert.That(back.Latency.SelectMany(l => l.Buckets), Is.EqualTo(results.Latency.SelectMany(l => l.Buckets)));
            Assert.That(back.Decisions.Count, Is.EqualTo(results.Decisions.Count));
            Assert.That(ResultsFile.ToJson(back), Is.EqualTo(ResultsFile.ToJson(results)), "same document after the round trip");
        });
    }

    [Test]
    public void WriteRead_NaNVix_SurvivesAsNaN()
    {
        BacktestResults results = SampleResults.Year();
        Assume.That(results.Equity[40].Vix, Is.NaN);
        string path = Path.Combine(_folder, "results.json");
        ResultsFile.Write(results, path);
        Assert.That(File.ReadAllText(path), Does.Contain("\"vix\": \"NaN\""));
        BacktestResults back = ResultsFile.Read(path);
        Assert.That(back.Equity[40].Vix, Is.NaN);
        Assert.That(back.Decisions[^1].Vix, Is.NaN);
        Assert.That(back.Equity[39].Vix, Is.EqualTo(results.Equity[39].Vix));
    }

    [Test]
    public void Write_Atomic_LeavesNoTemporaryFilesAndReplacesTheOldFile()
    {
        string path = Path.Combine(_folder, "results.json");
        File.WriteAllText(path, "old");
        ResultsFile.Write(SampleResults.Year(), path);
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
        Assert.That(File.ReadAllText(path), Does.StartWith("{"));
    }

    [Test]
    public void Write_FailureMidway_KeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_folder, "results.json");
        File.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => ResultsFile.WriteAtomically(path, stream =>
        {
            stream.Write("{ \"half\": "u8);
            throw new IOException("disk full");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void Write_Streamed_IsTheSameTextAsToJson()
    {
        BacktestResults results = SampleResults.Year();
        string path = Path.Combine(_folder, "results.json");
        ResultsFile.Write(results, path);
        Assert.That(File.ReadAllText(path), Is.EqualTo(ResultsFile.ToJson(results)));
    }

    [Test]
    public void Write_IntoMissingFolder_CreatesIt()
    {
        string path = Path.Combine(_folder, "a", "b", "results.json");
        ResultsFile.Write(SampleResults.Year(), path);
        Assert.That(File.Exists(path), Is.True);
    }

    [Test]
    public void Read_TruncatedFile_NamesFileLineAndColumn()
    {
        string path = Path.Combine(_folder, "broken.json");
        string json = ResultsFile.ToJson(SampleResults.Year());
        File.WriteAllText(path, json[..(json.Length / 2)]);
        var ex = Assert.Throws<ResultsFileException>(() => ResultsFile.Read(path))!;
        Assert.That(ex.Message, Does.StartWith(path + "("));
        Assert.That(ex.Message, Does.Match(@"\(\d+,\d+\): not a TomKing results file"));
        Assert.That(ex.Message, Does.Not.Contain("LineNumber:"));
    }

    [Test]
    public void Read_ForeignJson_IsRefusedWithTheFileName()
    {
        string path = Path.Combine(_folder, "rulebook.json");
        File.WriteAllText(path, "{ \"vixRegimes\": { \"low\": 12 } }");
        var ex = Assert.Throws<ResultsFileException>(() => ResultsFile.Read(path))!;
        Assert.That(ex.Message, Does.StartWith(path));
        Assert.That(ex.Message, Does.Contain("not a TomKing results file"));
    }

    [Test]
    public void Read_ArrayOrNull_IsRefused()
    {
        Assert.Throws<ResultsFileException>(() => ResultsFile.FromJson("[1,2]", "x.json"));
        Assert.Throws<ResultsFileException>(() => ResultsFile.FromJson("null", "x.json"));
    }

    [Test]
    public void Read_NullListInsideOtherwiseValidFile_IsRefused()
    {
        string json = ResultsFile.ToJson(SampleResults.Year()).Replace("\"warnings\": [", "\"warnings\": null, \"x\": [", StringComparison.Ordinal);
        var ex = Assert.Throws<ResultsFileException>(() => ResultsFile.FromJson(json, "x.json"))!;
        Assert.That(ex.Message, Does.Contain("x.json("));
    }

    [Test]
    public void Read_MissingFile_SaysSo()
    {
        string path = Path.Combine(_folder, "nope.json");
        var ex = Assert.Throws<ResultsFileException>(() => ResultsFile.Read(path))!;
        Assert.That(ex.Message, Does.StartWith(path + ": cannot read the results file"));
    }
}
