using TomKing.Algorithm.Domain;
using TomKing.Engine.Results;

namespace TomKing.Engine.Tests.Results;

public sealed class BacktestArgumentsTests
{
    private static readonly DateTime Now = new(2025, 3, 14, 9, 26, 53);
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tomking-args-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static string Error(BacktestArgumentValues values) =>
        Assert.Throws<BacktestArgumentException>(() => BacktestArguments.Parse(values, Now))!.Message;

    [Test]
    public void Parse_NoArguments_IsTheDefaultRun()
    {
        BacktestRequest request = BacktestArguments.Parse(new BacktestArgumentValues(), Now);
        Assert.Multiple(() =>
        {
            Assert.That(request.Options.LeanDataFolder, Is.Null);
            Assert.That(request.Options.Cash, Is.EqualTo(50_000m));
            Assert.That(request.Options.Strategies, Is.EqualTo(new[] { StrategyId.F0, StrategyId.L112, StrategyId.FS, StrategyId.IPMCC, StrategyId.LPL }));
            Assert.That(request.Options.From, Is.Null);
            Assert.That(request.Options.To, Is.Null);
            Assert.That(request.Options.RulebookSource, Is.EqualTo("built-in"));
            Assert.That(request.OutputFolder, Is.EqualTo(Path.Combine("out", "backtest-20250314-092653")));
        });
    }

    [Test]
    public void Parse_AllOptions_AreCarriedThrough()
    {
        BacktestRequest request = BacktestArguments.Parse(new BacktestArgumentValues
        {
            From = "2024-02-01", To = "2024-03-29", Cash = "75,000.50", Strategies = " f0, LPL ,F0", Seed = "42", Out = Path.Combine(_folder, "run"),
        }, Now);
        Assert.Multiple(() =>
        {
            Assert.That(request.Options.From, Is.EqualTo(new DateOnly(2024, 2, 1)));
            Assert.That(request.Options.To, Is.EqualTo(new DateOnly(2024, 3, 29)));
            Assert.That(request.Options.Cash, Is.EqualTo(75_000.50m));
            Assert.That(request.Options.Strategies, Is.EqualTo(new[] { StrategyId.F0, StrategyId.LPL }));
            Assert.That(request.Options.Seed, Is.EqualTo(42UL));
            Assert.That(request.OutputFolder, Is.EqualTo(Path.Combine(_folder, "run")));
        });
    }

    [TestCase("2024-13-01")]
    [TestCase("01/02/2024")]
    [TestCase("tomorrow")]
    public void Parse_BadDate_SaysTheFormat(string text)
    {
        Assert.That(Error(new BacktestArgumentValues { From = text }), Is.EqualTo($"--from '{text}': expected a date yyyy-MM-dd, e.g. 2024-01-02."));
        Assert.That(Error(new BacktestArgumentValues { To = text }), Does.StartWith($"--to '{text}'"));
    }

    [Test]
    public void Parse_FromAfterTo_IsRefused() =>
        Assert.That(Error(new BacktestArgumentValues { From = "2024-06-01", To = "2024-05-31" }), Is.EqualTo("--from 2024-06-01 is after --to 2024-05-31."));

    [Test]
    public void Parse_SameDay_IsAllowed() =>
        Assert.That(BacktestArguments.Parse(new BacktestArgumentValues { From = "2024-06-03", To = "2024-06-03" }, Now).Options.From, Is.EqualTo(new DateOnly(2024, 6, 3)));

    [TestCase("F0,XYZ", "XYZ")]
    [TestCase("1", "1")]
    [TestCase("F0;L112", "F0;L112")]
    public void Parse_UnknownStrategy_ListsTheValidNames(string list, string bad) =>
        Assert.That(Error(new BacktestArgumentValues { Strategies = list }), Is.EqualTo($"--strategies: unknown strategy '{bad}' (use F0, L112, FS, IPMCC, LPL)."));

    [Test]
    public void Parse_EmptyStrategies_IsRefused() =>
        Assert.That(Error(new BacktestArgumentValues { Strategies = " , " }), Does.StartWith("--strategies is empty"));

    [TestCase("-5", "--cash must be positive (got -5).")]
    [TestCase("0", "--cash must be positive (got 0).")]
    [TestCase("50k", "--cash '50k': expected an amount in USD, e.g. 50000.")]
    [TestCase("1e12", "--cash '1e12': expected an amount in USD, e.g. 50000.")]
    public void Parse_BadCash_IsRefused(string cash, string message) =>
        Assert.That(Error(new BacktestArgumentValues { Cash = cash }), Is.EqualTo(message));

    [Test]
    public void Parse_MissingDataFolder_IsRefused()
    {
        string missing = Path.Combine(_folder, "no-such-lean");
        Assert.That(Error(new BacktestArgumentValues { Data = missing }), Is.EqualTo($"--data '{missing}': folder not found."));
    }

    [Test]
    public void Parse_DataFolder_IsTakenAndSeedRefused()
    {
        Assert.That(BacktestArguments.Parse(new BacktestArgumentValues { Data = _folder }, Now).Options.LeanDataFolder, Is.EqualTo(_folder));
        Assert.That(Error(new BacktestArgumentValues { Data = _folder, Seed = "1" }), Does.StartWith("--seed applies to the built-in synthetic market only"));
    }

    [TestCase("-1")]
    [TestCase("x")]
    [TestCase("18446744073709551616")]
    public void Parse_BadSeed_IsRefused(string seed) =>
        Assert.That(Error(new BacktestArgumentValues { Seed = seed }), Does.StartWith($"--seed '{seed}': expected a whole number"));

    [Test]
    public void Parse_InvalidRulebook_CarriesTheLoadersMessage()
    {
        string path = Path.Combine(_folder, "bad-rulebook.json");
        File.WriteAllText(path, "{\n  \"nope\": 1,\n");
        string message = Error(new BacktestArgumentValues { Rulebook = path });
        Assert.That(message, Does.StartWith("--rulebook: bad-rulebook.json("));
    }

    [Test]
    public void Parse_MissingRulebook_IsRefused()
    {
        string path = Path.Combine(_folder, "missing.json");
        Assert.That(Error(new BacktestArgumentValues { Rulebook = path }), Is.EqualTo($"--rulebook '{path}': file not found."));
    }

    [Test]
    public void Parse_ValidPartialRulebook_IsLoaded()
    {
        string path = Path.Combine(_folder, "empty-rulebook.json");
        File.WriteAllText(path, "{}");
        BacktestRequest request = BacktestArguments.Parse(new BacktestArgumentValues { Rulebook = path }, Now);
        Assert.That(request.Options.RulebookSource, Is.EqualTo(path));
    }

    [Test]
    public void Parse_OutFolderWithResults_NeedsForce()
    {
        File.WriteAllText(Path.Combine(_folder, BacktestArguments.ResultsFileName), "{}");
        Assert.That(Error(new BacktestArgumentValues { Out = _folder }), Does.Contain("already holds a backtest").And.Contain("--force"));
        Assert.That(BacktestArguments.Parse(new BacktestArgumentValues { Out = _folder, Force = true }, Now).OutputFolder, Is.EqualTo(_folder));
    }

    [Test]
    public void Parse_OutIsAFile_IsRefused()
    {
        string file = Path.Combine(_folder, "f.txt");
        File.WriteAllText(file, "x");
        Assert.That(Error(new BacktestArgumentValues { Out = file }), Is.EqualTo($"--out '{file}' is a file; give a folder."));
    }
}
