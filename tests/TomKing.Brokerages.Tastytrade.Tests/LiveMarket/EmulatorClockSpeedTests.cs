using System.Diagnostics;
using System.Text.Json;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Emulator;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Tests.LiveMarket;

/// <summary>The emulator clock's speed factor (market time = start + real elapsed × speed), its freeze/resume, the
/// emulator-only <c>/emulator/clock</c> endpoint and the live clock that follows it.</summary>
[TestFixture]
[CancelAfter(20_000)]
public class EmulatorClockSpeedTests
{
    private static readonly DateTime Start = new(2026, 11, 20, 9, 25, 0);

    [Test]
    public void Speed60_OneManualSecond_MovesMarketTimeExactlySixtySeconds()
    {
        var time = new ManualTime();
        var clock = new EmulatorClock(Start, running: true, time, speed: 60);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(clock.NowEastern, Is.EqualTo(Start.AddSeconds(60)));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(clock.NowEastern, Is.EqualTo(Start.AddSeconds(90)));
    }

    [Test]
    public void Set_Freezes_Resume_ContinuesAtTheSameSpeed_SetSpeed_KeepsTimePassed()
    {
        var time = new ManualTime();
        var clock = new EmulatorClock(Start, running: true, time, speed: 60);
        time.Advance(TimeSpan.FromSeconds(2));
        var at1030 = new DateTime(2026, 11, 20, 10, 30, 0);
        clock.Set(at1030);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(clock.NowEastern, Is.EqualTo(at1030), "Set freezes");
        Assert.That(clock.IsRunning, Is.False);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That(clock.NowEastern, Is.EqualTo(at1030.AddMinutes(5)));

        clock.Resume();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.That(clock.NowEastern, Is.EqualTo(at1030.AddMinutes(5).AddSeconds(180)), "resumed at 60x from where it stood");
        clock.SetSpeed(1);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.That(clock.NowEastern, Is.EqualTo(at1030.AddMinutes(5).AddSeconds(183)));
        Assert.That(clock.Snapshot(), Is.EqualTo((at1030.AddMinutes(5).AddSeconds(183), 1.0, true)));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(3600.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void InvalidSpeed_IsRefused(double speed)
    {
        Assert.That(() => new EmulatorClock(Start, true, speed: speed), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new EmulatorHost(new EmulatorOptions { Speed = speed }), Throws.ArgumentException);
        Assert.That(EmulatorClock.IsValidSpeed(speed), Is.False);
    }

    [Test]
    public void ValidSpeedBounds_AreAccepted()
    {
        Assert.That(EmulatorClock.IsValidSpeed(3600), Is.True);
        Assert.That(EmulatorClock.IsValidSpeed(0.001), Is.True);
    }

    [Test]
    public async Task Speed60_RealSecond_MovesTheEmulatorsMarketTimeAboutAMinute_AndTheLiveClockFollows()
    {
        await using var host = new EmulatorHost(new EmulatorOptions { MarketStart = Start, Speed = 60, StepInterval = null });
        var url = await host.StartAsync();
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

        // The endpoint: no token, no User-Agent (emulator-only path).
        string json = await http.GetStringAsync(new Uri(url, "/emulator/clock"));
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.That(doc.RootElement.GetProperty("speed").GetDouble(), Is.EqualTo(60));
            Assert.That(doc.RootElement.GetProperty("running").GetBoolean(), Is.True);
            var reported = DateTime.Parse(doc.RootElement.GetProperty("now-eastern").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(reported, Is.GreaterThanOrEqualTo(Start).And.LessThan(Start.AddHours(2)));
        }

        var live = await LiveMarketClock.FollowEmulatorAsync(http, url);
        Assert.That(live.FollowsEmulator && live.IsRunning, Is.True);
        Assert.That(live.Speed, Is.EqualTo(60));

        var real = Stopwatch.StartNew();
        var before = host.Clock.NowEastern;
        await Task.Delay(1000);
        var after = host.Clock.NowEastern;
        double realSeconds = real.Elapsed.TotalSeconds;
        double marketSeconds = (after - before).TotalSeconds;
        TestContext.Out.WriteLine($"real {realSeconds:F3} s -> market {marketSeconds:F1} s (ratio {marketSeconds / realSeconds:F2})");
        Assert.That(marketSeconds, Is.InRange(55.0, 60.0 * (realSeconds + 0.5)), "about 60 market seconds per real second");

        // The live clock extrapolates the emulator's time locally; generous bound for the HTTP round trip.
        double drift = Math.Abs((live.Now - host.Clock.NowEastern).TotalSeconds);
        Assert.That(drift, Is.LessThan(30), "within half a real second at 60x");

        host.Clock.Set(new DateTime(2026, 11, 20, 10, 30, 0));
        await live.SyncAsync();
        Assert.That(live.IsRunning, Is.False);
        await Task.Delay(50);
        Assert.That(live.Now, Is.EqualTo(new DateTime(2026, 11, 20, 10, 30, 0)), "a frozen emulator freezes the live clock");
    }

    [Test]
    public void WallClock_IsEasternWallTime()
    {
        var clock = LiveMarketClock.Wall();
        var expected = Greeks.UsEastern.FromUtc(DateTime.UtcNow);
        Assert.That(clock.FollowsEmulator, Is.False);
        Assert.That((clock.Now - expected).Duration(), Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
