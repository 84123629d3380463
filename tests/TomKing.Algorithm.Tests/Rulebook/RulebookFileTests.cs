using System.Text.Json.Nodes;
using TomKing.Algorithm.Rulebook;

namespace TomKing.Algorithm.Tests.Rulebook;

public sealed class RulebookFileTests
{
    private static string DefaultFilePath => Path.Combine(TestContext.CurrentContext.TestDirectory, "rulebook.default.json");

    [Test]
    public void ToJson_ThenParse_RoundTripsEverySetting()
    {
        string json = RulebookFile.ToJson(RulebookSettings.Default);
        var result = RulebookFile.Parse(json, "roundtrip.json");
        Assert.That(result.Errors, Is.Empty);
        Assert.That(RulebookFile.ToJson(result.Settings!), Is.EqualTo(json));
    }

    [Test]
    public void DefaultFile_Shipped_EqualsBuiltInDefaults()
    {
        var file = JsonNode.Parse(File.ReadAllText(DefaultFilePath));
        var builtIn = JsonNode.Parse(RulebookFile.ToJson(RulebookSettings.Default));
        Assert.That(JsonNode.DeepEquals(file, builtIn), Is.True, "Algorithm/Rulebook/rulebook.default.json drifted from RulebookSettings.Default");
    }

    [Test]
    public void Load_DefaultFile_Succeeds()
    {
        var result = RulebookFile.Load(DefaultFilePath);
        Assert.That(result.Succeeded, Is.True, string.Join(Environment.NewLine, result.Errors));
    }

    [Test]
    public void Parse_PartialFile_OverridesOnlyWhatItNames()
    {
        const string Json = """
            {
              // comments are tolerated
              "f0": { "shortDelta": 0.12 },
              "phases": { "phase3": { "maxPositions": 6 } },
              "twentyOneDte": { "mode": "CloseIfProfitableElseFlag" },
            }
            """;
        var result = RulebookFile.Parse(Json, "partial.json");
        Assert.That(result.Errors, Is.Empty);
        var s = result.Settings!;
        var d = RulebookSettings.Default;
        Assert.Multiple(() =>
        {
            Assert.That(s.F0.ShortDelta, Is.EqualTo(0.12));
            Assert.That(s.F0.MaxShortDelta, Is.EqualTo(d.F0.MaxShortDelta));
            Assert.That(s.F0.DecisionTime, Is.EqualTo(d.F0.DecisionTime));
            Assert.That(s.Phases.Phase3.MaxPositions, Is.EqualTo(6));
            Assert.That(s.Phases.Phase3.StrangleFutures, Is.EqualTo(d.Phases.Phase3.StrangleFutures), "a phase keeps its own defaults, not a blank phase");
            Assert.That(s.Phases.Phase4.MaxPositions, Is.EqualTo(10));
            Assert.That(s.TwentyOneDte.Mode, Is.EqualTo(TwentyOneDteMode.CloseIfProfitableElseFlag));
            Assert.That(s.Regimes, Is.EqualTo(d.Regimes));
        });
    }

    [Test]
    public void Parse_EmptyObject_GivesDefaults() =>
        Assert.That(RulebookFile.ToJson(RulebookFile.Parse("{}", "empty.json").Settings!), Is.EqualTo(RulebookFile.ToJson(RulebookSettings.Default)));

    [Test]
    [Category("F0-3")]
    public void Validate_ShortDeltaAbove025_NamesSettingRangeAndRule_F0_3()
    {
        var s = RulebookSettings.Default with { F0 = RulebookSettings.Default.F0 with { ShortDelta = 0.4 } };
        var errors = s.Validate();
        Assert.That(errors.Select(e => e.Message), Is.EqualTo(new[] { "f0.shortDelta = 0.4: must be in (0, 0.25] (F0-3 never above 0.25)" }));
        Assert.That(errors[0].Path, Is.EqualTo("f0.shortDelta"));
    }

    [Test]
    [Category("P-1")]
    public void Validate_ThresholdsOutOfOrder_NamesSettingAndRange_P1()
    {
        var s = RulebookSettings.Default with { Regimes = RulebookSettings.Default.Regimes with { NormalFrom = 12 } };
        Assert.That(s.Validate().Select(e => e.Message), Is.EqualTo(new[] { "regimes.normalFrom = 12: must be in (13, 100] (P-1 thresholds must rise: above regimes.lowFrom)" }));
    }

    [Test]
    [Category("P-1")]
    public void Validate_BpCeilingIntoReserve_IsRefused_P1()
    {
        var s = RulebookSettings.Default with { Regimes = RulebookSettings.Default.Regimes with { MaxBpExtreme = 0.9 } };
        Assert.That(s.Validate().Select(e => e.Message), Has.Some.EqualTo("regimes.maxBpExtreme = 0.9: must be in (0, 0.8] (P-1: a BP ceiling never reaches into the reserve)"));
    }

    [Test]
    [Category("P-10")]
    public void Validate_LadderBeyondNatural_IsRefused_P10()
    {
        var s = RulebookSettings.Default with { Orders = RulebookSettings.Default.Orders with { StepFraction = 0.5 } };
        Assert.That(s.Validate().Select(e => e.Path), Is.EqualTo(new[] { "orders.stepFraction" }));
    }

    [Test]
    public void Validate_UnknownTickerInPhase_NamesIndex()
    {
        var phases = RulebookSettings.Default.Phases with { Phase1 = RulebookSettings.Default.Phases.Phase1 with { StrangleFutures = ["MCL", "XYZ"] } };
        var s = RulebookSettings.Default with { Phases = phases };
        Assert.That(s.Validate().Select(e => e.Message), Is.EqualTo(new[] { "phases.phase1.strangleFutures[1] = \"XYZ\": not a catalogued instrument (P-2 strangle futures)" }));
    }

    [Test]
    public void Parse_InvalidValue_ReportsFileAndValidationMessage()
    {
        var result = RulebookFile.Parse("""{ "f0": { "shortDelta": 0.4 } }""", "mine.json");
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Settings, Is.Null);
            Assert.That(result.Errors, Is.EqualTo(new[] { "mine.json: f0.shortDelta = 0.4: must be in (0, 0.25] (F0-3 never above 0.25)" }));
        });
    }

    [Test]
    public void Parse_MalformedJson_ReportsLineAndPosition()
    {
        const string Json = "{\n  \"f0\": {\n    \"shortDelta\": 0.16,,\n  }\n}";
        var result = RulebookFile.Parse(Json, "broken.json");
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0], Does.StartWith("broken.json(3,"));
        Assert.That(result.Errors[0], Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Parse_WrongType_ReportsLineAndSetting()
    {
        const string Json = "{\n  \"fs\": {\n    \"putDelta\": \"small\"\n  }\n}";
        var result = RulebookFile.Parse(Json, "typed.json");
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0], Does.StartWith("typed.json(3,").And.Contain("setting 'fs.putDelta'"));
    }

    [Test]
    public void Parse_UnknownSetting_IsRejectedNotIgnored()
    {
        const string Json = "{\n  \"f0\": { \"shortDeltaa\": 0.1 }\n}";
        var result = RulebookFile.Parse(Json, "typo.json");
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors[0], Does.StartWith("typo.json(2,").And.Contain("shortDeltaa"));
    }

    [Test]
    public void Parse_BadTime_ReportsExpectedFormat()
    {
        var result = RulebookFile.Parse("""{ "f0": { "decisionTime": "half past ten" } }""", "t.json");
        Assert.That(result.Errors[0], Does.Contain("f0.decisionTime").And.Contain("HH:mm"));
    }

    [Test]
    public void Parse_NullSection_IsRejected()
    {
        var result = RulebookFile.Parse("""{ "f0": null }""", "n.json");
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors[0], Does.StartWith("n.json(1,"));
    }

    [Test]
    public void Parse_NotAnObject_IsRejected() =>
        Assert.That(RulebookFile.Parse("[1, 2]", "a.json").Errors[0], Does.StartWith("a.json"));

    [Test]
    public void Load_MissingFile_ReportsFileNotThrows()
    {
        var result = RulebookFile.Load(Path.Combine(TestContext.CurrentContext.WorkDirectory, "does-not-exist.json"));
        Assert.That(result.Errors[0], Does.StartWith("does-not-exist.json: cannot read the rulebook file"));
    }
}
