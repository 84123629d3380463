using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Http;
using TomKing.Brokerages.Tastytrade.Symbology;
using TomKing.Brokerages.Tastytrade.Tests.Api;

namespace TomKing.Brokerages.Tastytrade.Tests.Adapters;

/// <summary>A printed measurement (not a timed assertion) of the port's own cost per <see cref="IOrderPort.Submit"/>:
/// mapping the combo to a Tastytrade order and queueing it, plus serializing that order's JSON body (done on the
/// sender). The sender is held at the journal hook so no I/O runs while measuring.</summary>
[TestFixture]
[CancelAfter(60_000)]
public class OrderPortOverheadTests
{
    [Test]
    public async Task Submit_MapAndEnqueue_PlusBodySerialization_PrintsPercentiles()
    {
        var hold = new TaskCompletionSource();
        using var rest = new TastytradeRestClient(new TastytradeClientOptions { Environment = TastytradeEnvironment.Loopback(9) }, new FixedTokenSource("t"));
        var options = new TastytradeOrderPortOptions { BeforeSend = async (_, ct) => await hold.Task.WaitAsync(ct) };
        var ic = OptionStructure.IronCondor(
            OptionContractSymbols.FromOcc("SPY   240705P00500000"), OptionContractSymbols.FromOcc("SPY   240705P00510000"),
            OptionContractSymbols.FromOcc("SPY   240705C00560000"), OptionContractSymbols.FromOcc("SPY   240705C00570000"));
        const int warmup = 5_000, n = 50_000;
        var submit = new double[n];
        var serialize = new double[n];
        long allocated;
        await using (var port = new TastytradeOrderPort(rest, "5WT00001", _ => 0, null, options))
        {
            for (int i = 0; i < warmup; i++)
            {
                port.Submit(new ComboOrderRequest(new ClientOrderId(i + 1), StrategyId.F0, default, ic, 1, -1.20m, "F0"));
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < n; i++)
            {
                var request = new ComboOrderRequest(new ClientOrderId(warmup + i + 1), StrategyId.F0, default, ic, 1, -1.20m, "F0");
                long t0 = Stopwatch.GetTimestamp();
                port.Submit(request);
                submit[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }

            allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
            Assert.That(port.Posts, Is.Zero, "held at the hook: nothing was sent");
            hold.TrySetCanceled();
        }

        ComboOrderMapping.TryMap(new ComboOrderRequest(new ClientOrderId(1), StrategyId.F0, default, ic, 1, -1.20m, "F0"), "tk-C1", _ => 0,
            (in OptionContract c, out LegSymbol s, out string? why) => ComboOrderMapping.TryLegSymbol(c, null, out s, out why), true, out var body, out _, out _);
        for (int i = 0; i < warmup + n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            string json = JsonSerializer.Serialize(body!, TastytradeJsonContext.Default.OrderRequest);
            if (i >= warmup)
            {
                serialize[i - warmup] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            }

            Assert.That(json, Has.Length.GreaterThan(100));
        }

        Array.Sort(submit);
        Array.Sort(serialize);
        static string P(double[] a) => string.Create(CultureInfo.InvariantCulture,
            $"p50 {a[a.Length / 2]:F2} µs, p99 {a[(int)(a.Length * 0.99)]:F2} µs, p99.9 {a[(int)(a.Length * 0.999)]:F2} µs, max {a[^1]:F1} µs");
        TestContext.Out.WriteLine($"Submit (map 4-leg iron condor + enqueue), n={n}: {P(submit)}, {allocated} B allocated per submit");
        TestContext.Out.WriteLine($"Order body JSON serialization (sender side), n={n}: {P(serialize)}");
    }
}
