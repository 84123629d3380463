using TomKing.Algorithm.Decisions;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Algorithm.Rulebook;
using TomKing.Engine.Journal;
using TomKing.Greeks;

namespace TomKing.Engine.Tests.Journal;

/// <summary>
/// A synthetic but realistic year of live journal: 250 trading days × 1,000 entries. A day holds one
/// session start, one set of reference points, five strategy states, 800 decision summaries (mostly
/// skips with their reasons), 20 orders (submitted with 2–4 legs, acknowledged, 3 updates each), 50
/// leg fills, 25 replaces, 10 cancels, 5 reconciliation records and 3 alerts, interleaved in a seeded
/// random order. Payloads are encoded with <see cref="JournalCodec"/> from varying values.
/// </summary>
internal static class JournalYear
{
    public const int Days = 250;
    public const int EntriesPerDay = 1_000;

    private static readonly (JournalEntryKind Kind, int Count)[] DayMix =
    [
        (JournalEntryKind.StrategyState, 5),
        (JournalEntryKind.Decision, 800),
        (JournalEntryKind.OrderSubmitted, 20),
        (JournalEntryKind.OrderAcknowledged, 20),
        (JournalEntryKind.OrderUpdate, 60),
        (JournalEntryKind.Fill, 50),
        (JournalEntryKind.ReplaceRequested, 25),
        (JournalEntryKind.CancelRequested, 10),
        (JournalEntryKind.Reconciliation, 5),
        (JournalEntryKind.Alert, 3),
    ];

    /// <summary>Appends the whole year and returns how many entries were appended.</summary>
    public static int Write(TradingJournal journal)
    {
        var random = new Random(20240805);
        var kinds = new List<JournalEntryKind>(EntriesPerDay);
        int appended = 0;
        long clientId = 0;
        var day = new DateOnly(2024, 1, 2);
        for (int d = 0; d < Days; d++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            DateTime open = day.ToDateTime(new TimeOnly(14, 30), DateTimeKind.Utc);
            journal.Append(JournalEntry.Create(JournalEntryKind.SessionStart, open, JournalCodec.Encode(new SessionStartRecord("emulator", "1234", "1.0.0"))));
            decimal netLiq = 50_000m + d * 37.5m;
            journal.Append(JournalEntry.Create(JournalEntryKind.ReferencePoints, open, JournalCodec.Encode(new ReferencePointsRecord(day, netLiq, netLiq - 120m, netLiq - 480.25m, netLiq + 900m))));
            appended += 2;

            kinds.Clear();
            foreach (var (kind, count) in DayMix)
            {
                kinds.AddRange(Enumerable.Repeat(kind, count));
            }

            for (int i = kinds.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
            }

            for (int i = 0; i < kinds.Count; i++)
            {
                DateTime time = open.AddSeconds(i * 23.4);
                long client = kinds[i] == JournalEntryKind.OrderSubmitted ? ++clientId : Math.Max(1, clientId);
                journal.Append(JournalEntry.Create(kinds[i], time, Payload(kinds[i], day, time, client, random), client, kinds[i] is JournalEntryKind.Decision or JournalEntryKind.StrategyState ? 0 : 500_000 + client));
                appended++;
            }

            day = day.AddDays(1);
        }

        return appended;
    }

    /// <summary>Decodes an entry's payload by its kind (what a replay does) and returns a number from it,
    /// so the work cannot be skipped.</summary>
    public static long Decode(in JournalEntry entry) => entry.Kind switch
    {
        JournalEntryKind.SessionStart => JournalCodec.DecodeSessionStart(entry.Payload).Mode.Length,
        JournalEntryKind.OrderSubmitted => JournalCodec.DecodeSubmittedOrder(entry.Payload).Request.Structure.Count,
        JournalEntryKind.OrderAcknowledged => JournalCodec.DecodeAcknowledgement(entry.Payload).BrokerOrderId.Length,
        JournalEntryKind.OrderUpdate => JournalCodec.DecodeOrderUpdate(entry.Payload).FilledQuantity,
        JournalEntryKind.Fill => JournalCodec.DecodeFill(entry.Payload).Quantity,
        JournalEntryKind.CancelRequested => JournalCodec.DecodeCancelRequest(entry.Payload).Reason.Length,
        JournalEntryKind.ReplaceRequested => (long)JournalCodec.DecodeReplaceRequest(entry.Payload).NewLimitPrice,
        JournalEntryKind.StrategyState => (long)JournalCodec.DecodeStrategyState(entry.Payload).Strategy,
        JournalEntryKind.ReferencePoints => (long)JournalCodec.DecodeReferencePoints(entry.Payload).HighWaterMark,
        JournalEntryKind.Decision => JournalCodec.DecodeDecision(entry.Payload).Quantity,
        JournalEntryKind.Reconciliation => JournalCodec.DecodeReconciliation(entry.Payload).Action.Length,
        JournalEntryKind.Alert => JournalCodec.DecodeAlert(entry.Payload).Code.Length,
        _ => throw new InvalidOperationException("unknown kind " + entry.Kind),
    };

    private static readonly string[] SkipReasons =
    [
        "P-1: VIX regime EXTREME allows no new entries",
        "F0-1: not Friday",
        "P-3: correlation group EquityIndex is full (3 of 3)",
        "L112-1: not the entry day",
        "P-4: buying power in use 41.2 % is above the 35 % cap",
        "FS-1: no listed expiry 40-50 DTE",
    ];

    private static string Payload(JournalEntryKind kind, DateOnly day, DateTime time, long client, Random random)
    {
        DateTime eastern = time.AddHours(-5);
        decimal price = Math.Round((decimal)(random.NextDouble() * 5), 2);
        switch (kind)
        {
            case JournalEntryKind.Decision:
                bool skip = random.Next(10) > 0;
                var strikes = skip ? LegValues.None : new LegValues(4_700, 4_750, 5_250, 5_300);
                var deltas = skip ? LegValues.None : new LegValues(-0.05, -0.16, 0.15, 0.05);
                return JournalCodec.Encode(new DecisionSummary(eastern, (StrategyId)random.Next(5), skip ? DecisionKind.Skip : DecisionKind.Enter,
                    skip ? "P-1" : "F0-2 F0-3", skip ? SkipReasons[random.Next(SkipReasons.Length)] : "flat day",
                    5_000 + random.NextDouble() * 200, 12 + random.NextDouble() * 10, VixRegime.Low, AccountPhase.Phase2,
                    strikes, deltas, skip ? 0 : client, skip ? 0 : client, skip ? 0 : 1, 40_000 + random.Next(100_000)));
            case JournalEntryKind.OrderSubmitted:
                var expiry = day;
                OptionContract C(decimal strike, OptionRight right) => new("SPX", "SPXW", expiry, strike, right, ExerciseStyle.European, OptionSettlement.PmCash, 100m);
                OptionStructure structure = random.Next(2) == 0
                    ? OptionStructure.IronCondor(C(4_700, OptionRight.Put), C(4_750, OptionRight.Put), C(5_250, OptionRight.Call), C(5_300, OptionRight.Call))
                    : OptionStructure.PutCreditSpread(C(4_750, OptionRight.Put), C(4_700, OptionRight.Put));
                return JournalCodec.Encode(new SubmittedOrder(new ComboOrderRequest(new ClientOrderId(client), StrategyId.F0, new PositionId(client), structure, 1, -price, "F0-2 F0-3"),
                    IntentKind.Open, PricingPolicy.MidThenLadder, (double)-price, (double)-price + 0.2, eastern.Date.AddHours(11)));
            case JournalEntryKind.OrderAcknowledged:
                return JournalCodec.Encode(new Acknowledgement((500_000 + client).ToString(System.Globalization.CultureInfo.InvariantCulture), "tk-C" + client));
            case JournalEntryKind.OrderUpdate:
                return JournalCodec.Encode(new OrderUpdate(new OrderId(500_000 + client), new ClientOrderId(client), (BrokerOrderStatus)random.Next(4), eastern, random.Next(2), -price, null));
            case JournalEntryKind.Fill:
                return JournalCodec.Encode(new LegFill(new OrderId(500_000 + client), new ClientOrderId(client),
                    new OptionContract("SPX", "SPXW", day, 4_750m, OptionRight.Put, ExerciseStyle.European, OptionSettlement.PmCash, 100m), -1, price, 1.08m, eastern, "E" + random.NextInt64()));
            case JournalEntryKind.ReplaceRequested:
                return JournalCodec.Encode(new ReplaceRequest(-price, random.Next(1, 4), "ladder step"));
            case JournalEntryKind.CancelRequested:
                return JournalCodec.Encode(new CancelRequest("F0-1 window end"));
            case JournalEntryKind.StrategyState:
                return JournalCodec.Encode(new StrategyStateRecord((StrategyId)random.Next(5), day));
            case JournalEntryKind.Reconciliation:
                return JournalCodec.Encode(new ReconciliationRecord("order C" + client, "working", "filled 1/1", "booked the broker's fills"));
            default:
                return JournalCodec.Encode(new AlertRecord("warning", "regime", "VIX regime changed from Low to Normal"));
        }
    }
}
