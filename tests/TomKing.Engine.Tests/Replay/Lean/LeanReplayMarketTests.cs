using System.Globalization;
using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Market;
using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Risk;
using TomKing.Algorithm.Risk.Margin;
using TomKing.Algorithm.Rulebook;
using TomKing.Algorithm.Strategies;
using TomKing.Algorithm.Strategies.Friday0Dte;
using TomKing.Algorithm.Testing;
using TomKing.Engine.Data.Lean;
using TomKing.Engine.Replay.Lean;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Replay.Lean;

public sealed class LeanReplayMarketTests
{
    private static readonly DateOnly Monday = new(2021, 1, 4);
    private static readonly DateOnly Friday = new(2021, 1, 8);
    private static readonly DateTime Friday1030 = Friday.ToDateTime(new TimeOnly(10, 30));

    private static LeanReplayMarket OpenWeek(params StrategyId[] strategies) =>
        LeanReplayMarket.Open(TestPaths.RequireLeanData(), Monday, Friday, strategies.Length == 0 ? [StrategyId.F0] : strategies);

    [Test]
    public void Open_SpxwWeek_ListsFiveTradingDaysAndWarnsForEveryDayWithoutIndexMinutes()
    {
        var market = OpenWeek();
        foreach (DateOnly day in market.TradingDays)
        {
            foreach (DateTime t in market.EvaluationTimes(day))
            {
                market.AdvanceTo(t);
            }
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, market.Warnings));
        Assert.Multiple(() =>
        {
            Assert.That(market.TradingDays, Is.EqualTo(new[] { Monday, Monday.AddDays(1), Monday.AddDays(2), Monday.AddDays(3), Friday }));
            Assert.That(market.Roots, Is.EqualTo(new Ticker[] { "SPXW", "SPX" }), "SPX has a quote file on Jan 4 only");
            Assert.That(market.EvaluationTimes(Monday)[0], Is.EqualTo(Monday.ToDateTime(new TimeOnly(9, 31))));
            Assert.That(market.EvaluationTimes(Monday)[^1], Is.EqualTo(Monday.ToDateTime(new TimeOnly(16, 0))));
            Assert.That(market.EvaluationTimes(Monday), Has.Count.EqualTo(390));
            Assert.That(market.Warnings.Count(w => w.Contains("no SPX index minute trades", StringComparison.Ordinal)), Is.EqualTo(4), "Jan 5-8 have no index file");
            Assert.That(market.Warnings, Has.Some.Contains("20210105_trade.zip"), "the warning names the expected file");
            Assert.That(market.Warnings.Count(w => w.Contains("no SPX index-option minute quotes", StringComparison.Ordinal)), Is.EqualTo(4));
            Assert.That(market.Warnings, Has.None.Contains("2021-01-04: no SPX index minute"), "Jan 4 has its index file");
        });
    }

    [Test]
    public void Open_DaysWithoutAnyOptionQuotes_AreDroppedWithAWarningNamingTheFile()
    {
        var market = LeanReplayMarket.Open(TestPaths.RequireLeanData(), Friday, new DateOnly(2021, 1, 12), [StrategyId.F0]);
        Assert.Multiple(() =>
        {
            Assert.That(market.TradingDays, Is.EqualTo(new[] { Friday }));
            Assert.That(market.Warnings, Has.Some.Contains("2021-01-11: no SPXW index-option minute quotes").And.Contains("20210111_quote_european.zip"));
            Assert.That(market.Warnings, Has.Some.Contains("2021-01-11: a trading day without option quotes; skipped"));
        });
    }

    [Test]
    public void Open_MissingFolderOrEmptyRange_ThrowsNamingTheProblem()
    {
        string data = TestPaths.RequireLeanData(); // an explained skip must happen outside Assert.Multiple
        Assert.Multiple(() =>
        {
            var missing = Assert.Throws<LeanDataException>(() => LeanReplayMarket.Open(Path.Combine(Path.GetTempPath(), "no-such-lean-folder-4711"), Monday, Friday, [StrategyId.F0]));
            Assert.That(missing!.Message, Does.Contain("no-such-lean-folder-4711"));
            Assert.Throws<ArgumentException>(() => LeanReplayMarket.Open(data, Friday, Monday, [StrategyId.F0]));
            var noData = Assert.Throws<LeanDataException>(() => LeanReplayMarket.Open(data, new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 4), [StrategyId.F0]));
            Assert.That(noData!.Message, Does.Contain("20220301_quote_european.zip"));
        });
    }

    [Test]
    public void AdvanceTo_Monday_AppliesOneBarPerQuotedContractAndIndexEachMinute()
    {
        var market = OpenWeek();
        long first = market.AdvanceTo(Monday.ToDateTime(new TimeOnly(9, 31)));
        long second = market.AdvanceTo(Monday.ToDateTime(new TimeOnly(9, 32)));
        long total = first + second;
        foreach (DateTime t in market.EvaluationTimes(Monday).Skip(2))
        {
            total += market.AdvanceTo(t);
        }

        Assert.That(market.TryGetChain("SPXW", out OptionChain chain), Is.True);
        Assert.That(market.TryGetPrice("SPX", out double spx), Is.True);
        TestContext.Out.WriteLine($"9:31 events {first}, 9:32 events {second}, day {total}, SPX close {spx}");
        Assert.Multiple(() =>
        {
            // 12 SPXW contracts + SPX quote contracts + the SPX index bar; every contract quotes each minute here.
            Assert.That(first, Is.GreaterThanOrEqualTo(13));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(spx, Is.EqualTo(3701.38), "the last index bar ending at or before 16:00: raw row 53940000 (14:59 CT start) closes 3701.38");
            Assert.That(chain.Expiries.ToArray(), Is.EqualTo(new[] { Monday, new DateOnly(2021, 1, 6), Friday }));
            Assert.That(market.TryGetSessionOpen("SPX", out double open) && open == 3764.61, Is.True, "the 9:30 bar's open");
            Assert.That(market.TryGetSettlementPrice("SPX", Monday, OptionSettlement.PmCash, out double pm) && pm == 3700.65, Is.True, "the daily bar's official close, printed after 16:00");
            Assert.That(market.TryGetSettlementPrice("SPX", Monday, OptionSettlement.AmCash, out double am) && am == 3764.61, Is.True);
            Assert.That(market.TryGetSettlementPrice("SPX", Friday, OptionSettlement.PmCash, out _), Is.False, "not yet");
        });
    }

    [Test]
    public void TryQuote_MatchesTheRawRowOfTheMinute()
    {
        var market = OpenWeek();
        market.AdvanceTo(Monday.ToDateTime(new TimeOnly(9, 31)));
        var contract = OptionContract.FromCatalogue(InstrumentCatalogue.Get("SPXW"), new DateOnly(2021, 1, 6), 3700m, OptionRight.Put);
        Assert.That(market.TryQuote(contract, out Quote quote), Is.True);
        double[] raw = FirstRow(TestPaths.RequireLeanData(), "20210104_spxw_minute_quote_european_put_37000000_20210106.csv");
        Assert.Multiple(() =>
        {
            Assert.That(raw[0], Is.EqualTo(34_200_000), "first row starts 09:30");
            Assert.That(quote.Bid, Is.EqualTo(raw[4] / 10000.0));
            Assert.That(quote.Ask, Is.EqualTo(raw[9] / 10000.0));
            Assert.That(quote.Time, Is.EqualTo(Monday.ToDateTime(new TimeOnly(9, 31))));
        });
    }

    [Test]
    public void ModelFreeVix_EveryDayAt1030_IsPlausibleOrExplained()
    {
        var market = OpenWeek();
        foreach (DateOnly day in market.TradingDays)
        {
            market.AdvanceTo(day.ToDateTime(new TimeOnly(10, 30)));
            ConstantMaturityVariance v = market.ModelFreeThirtyDay();
            bool ok = market.TryGetVix(out VixReading vix);
            TestContext.Out.WriteLine(FormattableString.Invariant($"{day:yyyy-MM-dd} 10:30 status {v.Status} near {v.NearYears * 365:F2} d index {v.Index:F2} ok {ok}"));
            if (ok)
            {
                Assert.Multiple(() =>
                {
                    Assert.That(vix.Source, Is.EqualTo(VixSource.ModelFree));
                    Assert.That(vix.Time, Is.EqualTo(day.ToDateTime(new TimeOnly(10, 30))));
                    Assert.That(vix.Value, Is.InRange(10.0, 60.0));
                });
            }
            else
            {
                Assert.That(v.Status, Is.EqualTo(ConstantMaturityStatus.NoComputedExpiry));
            }
        }

        Assert.That(market.Warnings, Has.Some.Contains("NotBracketed").Or.Some.Contains("NoComputedExpiry"), "the status is stated once");
    }

    [Test]
    public void F0_Friday20210108At1030_OverTheRealSpxwWeek_DecidesWithAPreciseRule()
    {
        var market = OpenWeek(StrategyId.F0);
        var clock = new FakeClock(Monday.ToDateTime(new TimeOnly(9, 30)));
        var margin = new MarginModel();
        var portfolio = new PortfolioLedger(50_000m, market, margin);
        var risk = new RiskEngine(margin);
        var context = new DecisionContext(clock, market, portfolio, RulebookSettings.Default) { BuyingPower = margin };
        var strategy = new F0Strategy();
        var output = new DecisionOutput();
        var decisions = new List<DecisionRecord>();
        var verdicts = new List<RiskVerdict>();
        VixReading vixAtDecision = default;
        double spotAtDecision = double.NaN;
        double openAtDecision = double.NaN;
        var zeroDteCallDeltas = new List<double>();
        var zeroDtePutDeltas = new List<double>();
        long events = 0;
        foreach (DateOnly day in market.TradingDays)
        {
            foreach (DateTime t in market.EvaluationTimes(day))
            {
                events += market.AdvanceTo(t);
                clock.Set(t);
                context.Refresh();
                output.Clear();
                strategy.Evaluate(context, output);
                if (output.DecisionCount > 0 && t == Friday1030)
                {
                    vixAtDecision = context.Vix;
                    market.TryGetPrice("SPX", out spotAtDecision);
                    market.TryGetSessionOpen("SPX", out openAtDecision);
                    Assert.That(market.TryGetChain("SPXW", out OptionChain chain), Is.True);
                    Assert.That(chain.TryGetExpiry(Friday, out ChainExpiry expiry), Is.True);
                    for (int i = 0; i < expiry.Count; i++)
                    {
                        zeroDteCallDeltas.Add(expiry.GreeksAt(i, OptionRight.Call).Delta);
                        zeroDtePutDeltas.Add(expiry.GreeksAt(i, OptionRight.Put).Delta);
                    }
                }

                decisions.AddRange(output.Decisions.ToArray());
                foreach (var intent in output.Intents)
                {
                    verdicts.Add(risk.Check(intent, context));
                }
            }
        }

        foreach (var d in decisions)
        {
            TestContext.Out.WriteLine(FormattableString.Invariant($"{d.Time:yyyy-MM-dd HH:mm} {d.Kind} [{d.RuleIds}] {d.Reason} spot {d.Spot:F2} vix {d.Vix:F2} {d.Regime} {d.Phase}"));
        }

        foreach (var v in verdicts)
        {
            TestContext.Out.WriteLine($"risk: {v.Outcome} [{v.RuleIds}] {v.Reason}");
        }

        TestContext.Out.WriteLine(FormattableString.Invariant($"10:30 spot {spotAtDecision:F2} open {openAtDecision:F2} 0DTE call deltas {string.Join(' ', zeroDteCallDeltas.Select(d => d.ToString("F3", CultureInfo.InvariantCulture)))} put deltas {string.Join(' ', zeroDtePutDeltas.Select(d => d.ToString("F3", CultureInfo.InvariantCulture)))}"));
        TestContext.Out.WriteLine($"events applied over the week: {events}");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, market.Warnings));
        Assert.That(decisions, Has.Count.EqualTo(1), "F0 decides once, on Friday");
        DecisionRecord record = decisions[0];
        Assert.Multiple(() =>
        {
            Assert.That(record.Time, Is.EqualTo(Friday1030));
            Assert.That(record.Strategy, Is.EqualTo(StrategyId.F0));
            // The file lists only the 3700 and 3800 strikes: both calls are in or at the money (delta
            // above 0.25), so the call side F0 needs (condor or call spread) has no short strike.
            Assert.That(record.Kind, Is.EqualTo(DecisionKind.Skip));
            Assert.That(record.RuleIds, Is.EqualTo("F0-3"));
            Assert.That(record.Reason, Does.Contain("no short strike with a quoted delta at or below 0.25"));
            Assert.That(zeroDteCallDeltas, Has.Count.EqualTo(2).And.All.GreaterThan(0.25));
            Assert.That(Math.Abs(zeroDtePutDeltas[0]), Is.LessThan(0.25), "the 3700 put alone would qualify");
            Assert.That(record.Spot, Is.InRange(3700.0, 3900.0), "the parity-implied SPX level (no index minutes on Jan 8)");
            Assert.That(record.Spot, Is.EqualTo(spotAtDecision));
            Assert.That(openAtDecision, Is.InRange(3700.0, 3900.0), "the 9:31 parity level stands in for the 9:30 open");
            Assert.That(vixAtDecision.Source, Is.EqualTo(VixSource.ModelFree));
            Assert.That(vixAtDecision.Time, Is.EqualTo(Friday1030));
            Assert.That(record.Vix, Is.EqualTo(vixAtDecision.Value));
            Assert.That(record.Phase, Is.EqualTo(AccountPhase.Phase2));
            Assert.That(events, Is.GreaterThan(5 * 390 * 4));
        });
    }

    private static double[] FirstRow(string root, string entryName)
    {
        string zip = Path.Combine(root, "indexoption", "usa", "minute", "spxw", "20210104_quote_european.zip");
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry(entryName)!.Open());
        return Array.ConvertAll(reader.ReadLine()!.Split(','), f => f.Length == 0 ? double.NaN : double.Parse(f, CultureInfo.InvariantCulture));
    }
}

public sealed class LeanChainSnapshotTests
{
    private static readonly DateTime Friday1030 = new(2021, 1, 8, 10, 30, 0);

    [Test]
    public void Read_Spxw20210108At1030_RowsCarryQuotesIvAndGreeks()
    {
        ChainSnapshot s = LeanChainSnapshot.Read(TestPaths.RequireLeanData(), "SPXW", Friday1030);
        Assert.Multiple(() =>
        {
            Assert.That(s.Rows, Has.Count.EqualTo(16), "4 expiries x 2 strikes x 2 rights");
            Assert.That(s.Rows.Select(r => r.Expiry).Distinct(), Is.EqualTo(new[] { new DateOnly(2021, 1, 8), new DateOnly(2021, 1, 11), new DateOnly(2021, 1, 13), new DateOnly(2021, 1, 15) }));
            Assert.That(s.Underlying, Is.EqualTo(3801.85).Within(1e-9), "3800 + (11.35 - 9.50): parity at the 3800 strike, 0DTE");
            Assert.That(s.UnderlyingSource, Does.StartWith("put-call parity"));
        });

        ChainRow put3800 = s.Rows.Single(r => r.Expiry == new DateOnly(2021, 1, 8) && r.Strike == 3800 && r.Right == OptionRight.Put);
        ChainRow call3800 = s.Rows.Single(r => r.Expiry == new DateOnly(2021, 1, 8) && r.Strike == 3800 && r.Right == OptionRight.Call);
        Assert.Multiple(() =>
        {
            // Raw rows of the bar 10:29-10:30 (37740000): put bid/ask close 95000/95000, call 111000/116000.
            Assert.That(put3800.Bid, Is.EqualTo(9.5));
            Assert.That(put3800.Ask, Is.EqualTo(9.5));
            Assert.That(call3800.Bid, Is.EqualTo(11.1));
            Assert.That(call3800.Ask, Is.EqualTo(11.6));
            Assert.That(call3800.Mid, Is.EqualTo(11.35).Within(1e-12));
            Assert.That(put3800.Status, Is.EqualTo(Algorithm.Market.GreeksStatus.Available));
            Assert.That(put3800.ImpliedVolatility, Is.InRange(0.05, 1.0));
            Assert.That(call3800.Delta - put3800.Delta, Is.EqualTo(1.0).Within(1e-6), "European parity on the same forward");
            Assert.That(put3800.Gamma, Is.GreaterThan(0));
            Assert.That(put3800.ThetaPerDay, Is.LessThan(0));
            Assert.That(put3800.VegaPerPoint, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Read_OneExpiry_FiltersRows()
    {
        ChainSnapshot s = LeanChainSnapshot.Read(TestPaths.RequireLeanData(), "SPXW", Friday1030, new DateOnly(2021, 1, 15));
        Assert.That(s.Rows.Select(r => r.Expiry).Distinct(), Is.EqualTo(new[] { new DateOnly(2021, 1, 15) }));
    }

    [Test]
    public void Read_UserMistakes_ThrowClearMessages()
    {
        string data = TestPaths.RequireLeanData();
        Assert.Multiple(() =>
        {
            Assert.That(() => LeanChainSnapshot.Read(data, "QQQ", Friday1030), Throws.ArgumentException.With.Message.Contains("unknown underlying 'QQQ'"));
            Assert.That(() => LeanChainSnapshot.Read(data, "SPXW", new DateTime(2021, 1, 8, 9, 0, 0)), Throws.ArgumentException.With.Message.Contains("outside the regular session 09:31–16:00"));
            Assert.That(() => LeanChainSnapshot.Read(data, "SPXW", new DateTime(2021, 1, 9, 10, 30, 0)), Throws.InstanceOf<LeanDataException>().With.Message.Contains("no trading days between 2021-01-09 and 2021-01-09"));
            Assert.That(() => LeanChainSnapshot.Read(data, "SPXW", new DateTime(2021, 1, 12, 10, 30, 0)), Throws.InstanceOf<LeanDataException>().With.Message.Contains("20210112_quote_european.zip"));
            Assert.That(() => LeanChainSnapshot.Read(data, "SPX", Friday1030), Throws.ArgumentException.With.Message.Contains("no SPX option quotes on 2021-01-08"));
            Assert.That(() => LeanChainSnapshot.Read(data, "SPXW", Friday1030, new DateOnly(2021, 1, 22)), Throws.ArgumentException.With.Message.Contains("no SPXW expiry 2021-01-22"));
            Assert.That(() => LeanChainSnapshot.Read(Path.Combine(Path.GetTempPath(), "no-such-lean-folder-4712"), "SPXW", Friday1030), Throws.InstanceOf<LeanDataException>());
        });
    }
}
