using System.Text;
using TomKing.Brokerages.Tastytrade.Streaming.DxLink;

namespace TomKing.Brokerages.Tastytrade.Tests.Streaming;

/// <summary>
/// Symbol ids are released when a symbol is no longer subscribed and reused after the reuse delay, so a live process
/// that rolls a new expiry's contracts in every day never fills its fixed-capacity table (it used to: ids were never
/// freed, and a 20,000-slot table lasted a few months of daily SPXW expiries).
/// </summary>
[TestFixture]
public sealed class DxSymbolTableReuseTests
{
    [Test]
    public void AReleasedSymbolIsNotFound_ItsIdRestsForTheDelay_ThenAnotherSymbolTakesIt()
    {
        var time = new SteppedTime();
        var table = new DxSymbolTable(4, TimeSpan.FromSeconds(60), time);
        int a = table.Register(".SPXW261120P5800");
        Assert.That(table.Release(a), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(table.Find(".SPXW261120P5800"), Is.EqualTo(-1));
            Assert.That(table.Release(a), Is.False, "released twice");
            Assert.That(table.Count, Is.Zero);
        });

        int b = table.Register(".SPXW261123P5800", out bool reusedEarly);
        Assert.Multiple(() =>
        {
            Assert.That(b, Is.Not.EqualTo(a), "reused inside the delay");
            Assert.That(reusedEarly, Is.False);
        });

        time.Advance(TimeSpan.FromSeconds(61));
        int c = table.Register(".SPXW261124P5800", out bool reused);
        Assert.Multiple(() =>
        {
            Assert.That(c, Is.EqualTo(a));
            Assert.That(reused, Is.True, "the caller must clear what is stored under a reused id");
            Assert.That(table.NameOf(c), Is.EqualTo(".SPXW261124P5800"));
            Assert.That(table.Find(Encoding.UTF8.GetBytes(".SPXW261124P5800")), Is.EqualTo(c));
            Assert.That(table.Register(".SPXW261120P5800"), Is.Not.EqualTo(c), "the old symbol registers afresh");
        });
    }

    [Test]
    public void AFullTableSaysWhyWhenIdsAreStillResting()
    {
        var time = new SteppedTime();
        var table = new DxSymbolTable(2, TimeSpan.FromSeconds(60), time);
        table.Register("A");
        table.Release(table.Register("B"));
        Assert.That(() => table.Register("C"), Throws.InvalidOperationException.With.Message.Contains("reuse delay"));
    }

    [Test]
    public void TwoYearsOfDailyExpiries_NeverFillTheTable_AndLookupsStayExact()
    {
        // a 1,500-symbol table (room for two days' contracts at the rollover); 20 underlyings held throughout; 600
        // contracts of a new expiry each day, the previous day's released: 500 days × 600 = 300,000 registrations
        var time = new SteppedTime();
        var table = new DxSymbolTable(1_500, TimeSpan.FromSeconds(60), time);
        var held = Enumerable.Range(0, 20).Select(i => $"U{i}").ToDictionary(s => s, s => table.Register(s));
        var yesterday = new List<(string Symbol, int Id)>();
        for (int day = 0; day < 500; day++)
        {
            var today = new List<(string, int)>(600);
            for (int k = 0; k < 600; k++)
            {
                string symbol = $".SPXW{day:D4}P{5000 + k}";
                today.Add((symbol, table.Register(symbol)));
            }

            foreach (var (_, id) in yesterday)
            {
                Assert.That(table.Release(id), Is.True);
            }

            if (day % 50 == 0)
            {
                foreach (var (symbol, _) in yesterday)
                {
                    Assert.That(table.Find(symbol), Is.EqualTo(-1), $"day {day}: {symbol} released but still found");
                }

                foreach (var (symbol, id) in today)
                {
                    Assert.That(table.Find(symbol), Is.EqualTo(id), $"day {day}: {symbol}");
                }

                foreach (var (symbol, id) in held)
                {
                    Assert.That(table.Find(symbol), Is.EqualTo(id), $"day {day}: held {symbol}");
                }
            }

            Assert.That(table.Count, Is.EqualTo(620));
            Assert.That(today.Select(t => t.Item2).Distinct().Count(), Is.EqualTo(600), "two live symbols share an id");
            yesterday = today;
            time.Advance(TimeSpan.FromHours(24));
        }

        Assert.That(table.IdsInUse, Is.LessThanOrEqualTo(1_500));
    }

    [Test]
    public void RandomRegistersAndReleases_MatchASimpleModel()
    {
        var random = new Random(20261121);
        var time = new SteppedTime();
        var table = new DxSymbolTable(128, TimeSpan.FromSeconds(5), time);
        var live = new Dictionary<string, int>();
        for (int step = 0; step < 50_000; step++)
        {
            string symbol = $"S{random.Next(200)}";
            if (random.Next(3) == 0 && live.Count > 0)
            {
                var victim = live.ElementAt(random.Next(live.Count));
                Assert.That(table.Release(victim.Value), Is.True);
                live.Remove(victim.Key);
            }
            else if (live.TryGetValue(symbol, out int known))
            {
                Assert.That(table.Register(symbol), Is.EqualTo(known), "registration is idempotent");
            }
            else if (live.Count < 40)
            {
                int id = table.Register(symbol);
                Assert.That(live.ContainsValue(id), Is.False, "an id given to two live symbols");
                live[symbol] = id;
            }

            time.Advance(TimeSpan.FromMilliseconds(random.Next(200)));
            if (step % 997 == 0)
            {
                for (int s = 0; s < 200; s++)
                {
                    string name = $"S{s}";
                    Assert.That(table.Find(name), Is.EqualTo(live.TryGetValue(name, out int id) ? id : -1), $"step {step}: {name}");
                }
            }
        }
    }

    [Test]
    public void ClearingAStoreSlot_ForgetsItsValueAndItsPendingChange()
    {
        var store = new ConflatingStore<DxQuote>(8);
        store.Put(3, new DxQuote(3, 1.0, 1.1, 1, 1, 0, 0));
        store.Put(5, new DxQuote(5, 2.0, 2.1, 1, 1, 0, 0));
        store.Clear(3);
        var drained = new DxQuote[8];
        int n = store.Drain(drained);
        Assert.Multiple(() =>
        {
            Assert.That(store.TryGetLatest(3, out _), Is.False);
            Assert.That(n, Is.EqualTo(1));
            Assert.That(drained[0].SymbolId, Is.EqualTo(5));
        });
    }

    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
