using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Journal;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Journal;

public sealed class JournalCodecTests
{
    private static readonly DateOnly March15 = new(2024, 3, 15);

    // An ES option on the future (American, delivers a future, 50 USD a point).
    private static OptionContract EsPut(decimal strike) =>
        new("ES", "EW3", March15, strike, OptionRight.Put, ExerciseStyle.American, OptionSettlement.PmFuture, 50m);

    private static OptionContract EsCall(decimal strike) =>
        new("ES", "EW3", March15, strike, OptionRight.Call, ExerciseStyle.American, OptionSettlement.PmFuture, 50m);

    // Standard monthly SPX: European, AM-settled, cash.
    private static OptionContract SpxAm(decimal strike, OptionRight right) =>
        new("SPX", "SPX", March15, strike, right, ExerciseStyle.European, OptionSettlement.AmCash, 100m);

    // An equity option: American, delivers shares.
    private static OptionContract Aapl(DateOnly expiry, decimal strike) =>
        new("AAPL", "AAPL", expiry, strike, OptionRight.Call, ExerciseStyle.American, OptionSettlement.PmShares, 100m);

    private static void AssertContract(OptionContract actual, OptionContract expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Underlying.Symbol, Is.EqualTo(expected.Underlying.Symbol));
            Assert.That(actual.Root.Symbol, Is.EqualTo(expected.Root.Symbol));
            Assert.That(actual.Expiry, Is.EqualTo(expected.Expiry));
            Assert.That(actual.Strike, Is.EqualTo(expected.Strike));
            Assert.That(actual.Right, Is.EqualTo(expected.Right));
            Assert.That(actual.Exercise, Is.EqualTo(expected.Exercise));
            Assert.That(actual.Settlement.Style, Is.EqualTo(expected.Settlement.Style));
            Assert.That(actual.Settlement.Delivery, Is.EqualTo(expected.Settlement.Delivery));
            Assert.That(actual.Multiplier, Is.EqualTo(expected.Multiplier));
        });
    }

    private static void AssertRequest(ComboOrderRequest actual, ComboOrderRequest expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.ClientId.Value, Is.EqualTo(expected.ClientId.Value));
            Assert.That(actual.Strategy, Is.EqualTo(expected.Strategy));
            Assert.That(actual.Position.Value, Is.EqualTo(expected.Position.Value));
            Assert.That(actual.Structure.Kind, Is.EqualTo(expected.Structure.Kind));
            Assert.That(actual.Structure.Count, Is.EqualTo(expected.Structure.Count));
            Assert.That(actual.Quantity, Is.EqualTo(expected.Quantity));
            Assert.That(actual.LimitPrice, Is.EqualTo(expected.LimitPrice));
            Assert.That(actual.Tag, Is.EqualTo(expected.Tag));
        });
        for (int i = 0; i < expected.Structure.Count; i++)
        {
            Assert.That(actual.Structure[i].Ratio, Is.EqualTo(expected.Structure[i].Ratio), $"leg {i} ratio");
            AssertContract(actual.Structure[i].Contract, expected.Structure[i].Contract);
        }

        Assert.That(actual, Is.EqualTo(expected), "and as a whole value");
    }

    [Test]
    public void SubmittedOrder_IndexIronCondorWithAmSettlement_RoundTripsFieldByField()
    {
        var condor = OptionStructure.IronCondor(SpxAm(4_700m, OptionRight.Put), SpxAm(4_750m, OptionRight.Put), SpxAm(5_250.5m, OptionRight.Call), SpxAm(5_300m, OptionRight.Call));
        var original = new SubmittedOrder(
            new ComboOrderRequest(new ClientOrderId(42), StrategyId.F0, new PositionId(7), condor, 1, -1.05m, "F0-2 F0-3 IC"),
            IntentKind.Open, PricingPolicy.MidThenLadder, -1.125, -0.95, new DateTime(2024, 3, 15, 11, 0, 0));
        string payload = JournalCodec.Encode(original);
        SubmittedOrder decoded = JournalCodec.DecodeSubmittedOrder(payload);

        AssertRequest(decoded.Request, original.Request);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Intent, Is.EqualTo(IntentKind.Open));
            Assert.That(decoded.Pricing, Is.EqualTo(PricingPolicy.MidThenLadder));
            Assert.That(decoded.Mid, Is.EqualTo(-1.125));
            Assert.That(decoded.Natural, Is.EqualTo(-0.95));
            Assert.That(decoded.WindowEnd, Is.EqualTo(new DateTime(2024, 3, 15, 11, 0, 0)));
            Assert.That(decoded.WindowEnd.Kind, Is.EqualTo(DateTimeKind.Unspecified));
            Assert.That(payload, Does.Contain("\"limit\":-1.05").And.Contain("\"settlement\":\"AmOpen\"").And.Not.Contain("\n"));
        });
    }

    [Test]
    public void SubmittedOrder_MarketSubmissionTime_RoundTripsAndIsAbsentFromOlderPayloads()
    {
        var condor = OptionStructure.IronCondor(SpxAm(4_700m, OptionRight.Put), SpxAm(4_750m, OptionRight.Put), SpxAm(5_250.5m, OptionRight.Call), SpxAm(5_300m, OptionRight.Call));
        var at = new DateTime(2027, 1, 15, 10, 30, 12, 500);
        var original = new SubmittedOrder(
            new ComboOrderRequest(new ClientOrderId(42), StrategyId.F0, new PositionId(7), condor, 1, -1.05m, "F0-2"),
            IntentKind.Open, PricingPolicy.MidThenLadder, -1.125, -0.95, new DateTime(2027, 1, 15, 11, 0, 0), at);
        string payload = JournalCodec.Encode(original);
        Assert.That(JournalCodec.DecodeSubmittedOrder(payload).SubmittedAt, Is.EqualTo(at));

        // a journal written before the field existed: the same payload without it decodes with no submission time
        string older = payload.Replace(",\"submittedAt\":\"2027-01-15T10:30:12.5\"", string.Empty, StringComparison.Ordinal);
        Assert.That(older, Is.Not.EqualTo(payload), "the stored field name changed: update this test's payload edit");
        Assert.That(JournalCodec.DecodeSubmittedOrder(older).SubmittedAt, Is.Null);
    }

    [Test]
    public void SubmittedOrder_FuturesOptionStrangleClosingAtNatural_RoundTrips()
    {
        var strangle = OptionStructure.Strangle(EsPut(4_800m), EsCall(5_400m));
        var original = new SubmittedOrder(
            new ComboOrderRequest(new ClientOrderId(9_000_000_001), StrategyId.FS, new PositionId(123), strangle, -2, -0.55m, "FS-4 stop"),
            IntentKind.Close, PricingPolicy.Natural, -0.5, -0.55, DateTime.MaxValue);
        SubmittedOrder decoded = JournalCodec.DecodeSubmittedOrder(JournalCodec.Encode(original));
        AssertRequest(decoded.Request, original.Request);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Intent, Is.EqualTo(IntentKind.Close));
            Assert.That(decoded.Pricing, Is.EqualTo(PricingPolicy.Natural));
            Assert.That(decoded.WindowEnd, Is.EqualTo(DateTime.MaxValue));
        });
    }

    [Test]
    public void SubmittedOrder_OneOneTwoAndEquityRoll_KeepRatiosAndExpiries()
    {
        var spx = (decimal k) => SpxAm(k, OptionRight.Put);
        var oneOneTwo = OptionStructure.OneOneTwo(spx(4_900m), spx(4_850m), spx(4_600m));
        var roll = OptionStructure.Adjustment([Leg.Buy(Aapl(March15, 180m)), Leg.Sell(Aapl(new DateOnly(2024, 3, 22), 182.5m))]);
        foreach (var (structure, kind) in new[] { (oneOneTwo, IntentKind.Open), (roll, IntentKind.Adjust) })
        {
            var original = new SubmittedOrder(new ComboOrderRequest(new ClientOrderId(5), StrategyId.IPMCC, new PositionId(3), structure, 3, 0.05m, "t"), kind, PricingPolicy.MidThenLadder, 0.1, 0.2, new DateTime(2024, 3, 15, 15, 45, 0));
            AssertRequest(JournalCodec.DecodeSubmittedOrder(JournalCodec.Encode(original)).Request, original.Request);
        }

        var decoded = JournalCodec.DecodeSubmittedOrder(JournalCodec.Encode(new SubmittedOrder(
            new ComboOrderRequest(new ClientOrderId(5), StrategyId.L112, new PositionId(3), oneOneTwo, 1, 1.05m, "L112-3"), IntentKind.Open, PricingPolicy.MidThenLadder, 1, 1, DateTime.MaxValue)));
        Assert.That(decoded.Request.Structure[2].Ratio, Is.EqualTo(-2));
    }

    [Test]
    public void OrderUpdate_RoundTripsWithAndWithoutMessage()
    {
        var rejected = new OrderUpdate(new OrderId(77), new ClientOrderId(42), BrokerOrderStatus.Rejected, new DateTime(2024, 3, 15, 10, 31, 2, 123), 0, -1.05m, "insufficient buying power");
        var replaced = new OrderUpdate(new OrderId(78), new ClientOrderId(43), BrokerOrderStatus.Replaced, new DateTime(2024, 3, 15, 10, 32, 0), 1, -0.55m, null);
        foreach (var original in new[] { rejected, replaced })
        {
            OrderUpdate decoded = JournalCodec.DecodeOrderUpdate(JournalCodec.Encode(original));
            Assert.Multiple(() =>
            {
                Assert.That(decoded.Order.Value, Is.EqualTo(original.Order.Value));
                Assert.That(decoded.ClientId.Value, Is.EqualTo(original.ClientId.Value));
                Assert.That(decoded.Status, Is.EqualTo(original.Status));
                Assert.That(decoded.Time, Is.EqualTo(original.Time));
                Assert.That(decoded.FilledQuantity, Is.EqualTo(original.FilledQuantity));
                Assert.That(decoded.LimitPrice, Is.EqualTo(original.LimitPrice));
                Assert.That(decoded.Message, Is.EqualTo(original.Message));
            });
        }
    }

    [Test]
    public void LegFill_FuturesAndEquityOptions_RoundTrip()
    {
        var fills = new[]
        {
            new LegFill(new OrderId(5), new ClientOrderId(6), EsPut(4_812.25m), -1, 12.75m, 2.47m, new DateTime(2024, 3, 15, 10, 0, 1), "X-1"),
            new LegFill(new OrderId(5), new ClientOrderId(6), Aapl(March15, 182.5m), 3, 1.05m, 1.5m, new DateTime(2024, 3, 15, 10, 0, 2), "X-2"),
            new LegFill(new OrderId(5), new ClientOrderId(6), SpxAm(4_750m, OptionRight.Put), -2, 0.55m, 0m, new DateTime(2024, 3, 15, 10, 0, 3), "X-3"),
        };
        foreach (var original in fills)
        {
            LegFill decoded = JournalCodec.DecodeFill(JournalCodec.Encode(original));
            AssertContract(decoded.Contract, original.Contract);
            Assert.Multiple(() =>
            {
                Assert.That(decoded.Order.Value, Is.EqualTo(5));
                Assert.That(decoded.ClientId.Value, Is.EqualTo(6));
                Assert.That(decoded.Quantity, Is.EqualTo(original.Quantity));
                Assert.That(decoded.Price, Is.EqualTo(original.Price));
                Assert.That(decoded.Fee, Is.EqualTo(original.Fee));
                Assert.That(decoded.Time, Is.EqualTo(original.Time));
                Assert.That(decoded.ExecutionId, Is.EqualTo(original.ExecutionId));
            });
        }
    }

    [Test]
    public void SmallRecords_RoundTripFieldByField()
    {
        var session = new SessionStartRecord("emulator", "1234", "1.0.0", 50_000.25m);
        var ack = new Acknowledgement("9876543210", "tk-C42");
        var cancel = new CancelRequest("F0-1 window end");
        var replace = new ReplaceRequest(-0.55m, 2, "ladder step 2");
        var state = new StrategyStateRecord(StrategyId.LPL, new DateOnly(2024, 3, 14));
        var none = new StrategyStateRecord(StrategyId.F0, null);
        var points = new ReferencePointsRecord(March15, 50_123.45m, 49_800m, 51_000.01m, 52_250.5m);
        var recon = new ReconciliationRecord("order C42", "working", "filled 1/1", "booked the broker's fills");
        var alert = new AlertRecord("critical", "disconnect", "account streamer down for 45 s");
        Assert.Multiple(() =>
        {
            Assert.That(JournalCodec.DecodeSessionStart(JournalCodec.Encode(session)), Is.EqualTo(session));
            var a = JournalCodec.DecodeAcknowledgement(JournalCodec.Encode(ack));
            Assert.That((a.BrokerOrderId, a.ExternalId), Is.EqualTo(("9876543210", "tk-C42")));
            Assert.That(JournalCodec.DecodeCancelRequest(JournalCodec.Encode(cancel)).Reason, Is.EqualTo("F0-1 window end"));
            var r = JournalCodec.DecodeReplaceRequest(JournalCodec.Encode(replace));
            Assert.That((r.NewLimitPrice, r.Steps, r.Reason), Is.EqualTo((-0.55m, 2, "ladder step 2")));
            var s = JournalCodec.DecodeStrategyState(JournalCodec.Encode(state));
            Assert.That((s.Strategy, s.LastEntryDecision), Is.EqualTo((StrategyId.LPL, (DateOnly?)new DateOnly(2024, 3, 14))));
            Assert.That(JournalCodec.DecodeStrategyState(JournalCodec.Encode(none)).LastEntryDecision, Is.Null);
            var p = JournalCodec.DecodeReferencePoints(JournalCodec.Encode(points));
            Assert.That((p.Date, p.StartOfDay, p.StartOfWeek, p.StartOfMonth, p.HighWaterMark), Is.EqualTo((March15, 50_123.45m, 49_800m, 51_000.01m, 52_250.5m)));
            var c = JournalCodec.DecodeReconciliation(JournalCodec.Encode(recon));
            Assert.That((c.Subject, c.JournalValue, c.BrokerValue, c.Action), Is.EqualTo(("order C42", "working", "filled 1/1", "booked the broker's fills")));
            var al = JournalCodec.DecodeAlert(JournalCodec.Encode(alert));
            Assert.That((al.Severity, al.Code, al.Message), Is.EqualTo(("critical", "disconnect", "account streamer down for 45 s")));
        });
    }

    [Test]
    public void LiveDecisionRecord_IsStoredAsTheDecisionSummary()
    {
        var record = new DecisionRecord(new DateTime(2024, 3, 15, 10, 30, 0), StrategyId.F0, DecisionKind.Skip, "P-5", "drawdown step",
            5_117.25, 17.5, VixRegime.Normal, AccountPhase.Phase2, LegValues.None, LegValues.None, default, default, 0, new StageCost(10, 20, 30, 40));
        var entry = TomKing.Engine.Live.SqliteLiveJournal.ToEntry(new TomKing.Engine.Live.LiveRecord(TomKing.Engine.Live.LiveRecordKind.Decision, new DateTime(2024, 3, 15, 15, 30, 0, DateTimeKind.Utc))
        {
            Strategy = StrategyId.F0,
            Decision = DecisionSummary.From(record),
        });
        Assert.Multiple(() =>
        {
            Assert.That(entry.Kind, Is.EqualTo(JournalEntryKind.Decision));
            Assert.That(JournalCodec.DecodeDecision(entry.Payload), Is.EqualTo(DecisionSummary.From(record)));
        });
    }

    [Test]
    public void DecisionSummary_FromRecord_KeepsNaNsAndTotalsTheCost()
    {
        var record = new DecisionRecord(new DateTime(2024, 3, 15, 10, 30, 0), StrategyId.F0, DecisionKind.Enter, "F0-2 F0-3", "flat day",
            5_117.25, double.NaN, VixRegime.Low, AccountPhase.Phase2, new LegValues(5_000, 5_030, 5_200, 5_230), new LegValues(-0.05, -0.16, 0.15, 0.05),
            new PositionId(11), new ClientOrderId(12), 2, new StageCost(100, 200, 300, 400));
        DecisionSummary summary = DecisionSummary.From(record);
        DecisionSummary decoded = JournalCodec.DecodeDecision(JournalCodec.Encode(summary));
        double expectedNs = 1_000 * (1e9 / System.Diagnostics.Stopwatch.Frequency);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Time, Is.EqualTo(record.Time));
            Assert.That(decoded.Strategy, Is.EqualTo(StrategyId.F0));
            Assert.That(decoded.Kind, Is.EqualTo(DecisionKind.Enter));
            Assert.That(decoded.RuleIds, Is.EqualTo("F0-2 F0-3"));
            Assert.That(decoded.Reason, Is.EqualTo("flat day"));
            Assert.That(decoded.Spot, Is.EqualTo(5_117.25));
            Assert.That(decoded.Vix, Is.NaN);
            Assert.That(decoded.Regime, Is.EqualTo(VixRegime.Low));
            Assert.That(decoded.Phase, Is.EqualTo(AccountPhase.Phase2));
            Assert.That(decoded.Strikes, Is.EqualTo(new LegValues(5_000, 5_030, 5_200, 5_230)));
            Assert.That(decoded.Deltas, Is.EqualTo(new LegValues(-0.05, -0.16, 0.15, 0.05)));
            Assert.That(decoded.Position, Is.EqualTo(11));
            Assert.That(decoded.Order, Is.EqualTo(12));
            Assert.That(decoded.Quantity, Is.EqualTo(2));
            Assert.That(decoded.CostNanoseconds, Is.EqualTo((long)expectedNs));
        });
        var skip = DecisionSummary.From(record with { Strikes = LegValues.None });
        Assert.That(JournalCodec.DecodeDecision(JournalCodec.Encode(skip)).Strikes.Leg3, Is.NaN);
    }

    [Test]
    public void EntryHelpers_SetKindAndOrderIds()
    {
        var strangle = OptionStructure.Strangle(EsPut(4_800m), EsCall(5_400m));
        var order = new SubmittedOrder(new ComboOrderRequest(new ClientOrderId(42), StrategyId.FS, new PositionId(1), strangle, 1, -3.5m, "FS-3"), IntentKind.Open, PricingPolicy.MidThenLadder, -3.6, -3.4, DateTime.MaxValue);
        JournalEntry submitted = JournalCodec.Submitted(new DateTime(2024, 3, 15, 15, 0, 0, DateTimeKind.Utc), order);
        JournalEntry ack = JournalCodec.Acknowledged(submitted.TimeUtc, new ClientOrderId(42), new OrderId(900), new Acknowledgement("900", "tk-42"));
        Assert.Multiple(() =>
        {
            Assert.That((submitted.Kind, submitted.ClientOrderId, submitted.OrderId), Is.EqualTo((JournalEntryKind.OrderSubmitted, 42L, 0L)));
            Assert.That((ack.Kind, ack.ClientOrderId, ack.OrderId), Is.EqualTo((JournalEntryKind.OrderAcknowledged, 42L, 900L)));
            Assert.That(JournalCodec.DecodeSubmittedOrder(submitted.Payload).Request.LimitPrice, Is.EqualTo(-3.5m));
        });
    }

    [TestCase("")]
    [TestCase("{not json")]
    [TestCase("null")]
    [TestCase("{\"order\":{\"structure\":\"Nonsense\",\"legs\":[]}}")]
    public void DecodeSubmittedOrder_InvalidPayload_ThrowsJournalException(string payload) =>
        Assert.That(() => JournalCodec.DecodeSubmittedOrder(payload), Throws.InstanceOf<JournalException>());

    [Test]
    public void DecodeSubmittedOrder_StructureOfTheWrongShape_ThrowsJournalException()
    {
        var spread = OptionStructure.PutCreditSpread(SpxAm(4_750m, OptionRight.Put), SpxAm(4_700m, OptionRight.Put));
        string payload = JournalCodec.Encode(new SubmittedOrder(new ComboOrderRequest(new ClientOrderId(1), StrategyId.F0, new PositionId(1), spread, 1, -0.5m, ""), IntentKind.Open, PricingPolicy.Natural, 0, 0, DateTime.MaxValue));
        string tampered = payload.Replace("\"strike\":4700", "\"strike\":4800", StringComparison.Ordinal);
        Assert.That(tampered, Is.Not.EqualTo(payload));
        Assert.That(() => JournalCodec.DecodeSubmittedOrder(tampered), Throws.InstanceOf<JournalException>().With.Message.Contains("PutCreditSpread"));
    }
}
