using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Symbology;

namespace TomKing.Brokerages.Tastytrade.Tests.EmulatorTests;

/// <summary>The emulator formats symbols with its own code; the client's symbology must read every one of them back
/// and produce the same order and streamer symbols (two independent implementations agreeing).</summary>
[TestFixture]
public class EmulatorSymbologyContractTests
{
    private EmulatorSession _s = null!;

    [OneTimeSetUp]
    public async Task Start() => _s = await EmulatorSession.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [TestCase("SPX")]
    [TestCase("SPY")]
    [TestCase("QQQ")]
    public async Task EquityAndIndexOptionChains_RoundTripThroughTheClientsOccParser(string underlying)
    {
        var chains = await _s.GetDataAsync<ItemList<NestedOptionChain>>($"/option-chains/{underlying}/nested");
        int checkedSymbols = 0;
        foreach (var chain in chains.Items)
        {
            foreach (var expiration in chain.Expirations)
            {
                foreach (var strike in expiration.Strikes.Where((_, i) => i % 7 == 0))
                {
                    foreach (var (order, streamer) in new[] { (strike.Call!, strike.CallStreamerSymbol!), (strike.Put!, strike.PutStreamerSymbol!) })
                    {
                        Assert.That(OccOptionSymbol.TryParseOcc(order, out var parsed), Is.True, order);
                        Assert.That((parsed.Root, parsed.Expiry, parsed.Strike), Is.EqualTo((chain.RootSymbol, expiration.ExpirationDate!.Value, strike.StrikePrice!.Value)), order);
                        Assert.That(parsed.ToOcc(), Is.EqualTo(order));
                        Assert.That(parsed.ToStreamer(), Is.EqualTo(streamer), order);
                        checkedSymbols++;
                    }
                }
            }
        }

        Assert.That(checkedSymbols, Is.GreaterThan(100));
    }

    [TestCase("ES")]
    [TestCase("CL")]
    [TestCase("GC")]
    public async Task FutureOptionChains_RoundTripThroughTheClientsFopParser(string product)
    {
        var nested = await _s.GetDataAsync<NestedFutureOptionChains>($"/futures-option-chains/{product}/nested");
        foreach (var future in nested.Futures)
        {
            Assert.That(FutureSymbol.TryParseOrderSymbol(future.Symbol, 2024, out var f), Is.True, future.Symbol);
            Assert.That(f.ToOrderSymbol(), Is.EqualTo(future.Symbol));
            Assert.That(f.ToStreamer(), Is.EqualTo(future.StreamerSymbol));
        }

        int checkedSymbols = 0;
        foreach (var expiration in nested.OptionChains[0].Expirations)
        {
            foreach (var strike in expiration.Strikes.Where((_, i) => i % 11 == 0))
            {
                Assert.That(FutureOptionSymbol.TryParseOrderSymbol(strike.Put, out var parsed), Is.True, strike.Put);
                Assert.That((parsed.Future.ToOrderSymbol(), parsed.Expiry, parsed.Strike), Is.EqualTo((expiration.UnderlyingSymbol, expiration.ExpirationDate!.Value, strike.StrikePrice!.Value)), strike.Put);
                Assert.That(parsed.ToOrderSymbol(), Is.EqualTo(strike.Put));
                Assert.That(parsed.ToStreamer(), Is.EqualTo(strike.PutStreamerSymbol), strike.Put);
                Assert.That(parsed.ContractCode, Is.EqualTo(expiration.OptionContractSymbol));
                checkedSymbols++;
            }
        }

        Assert.That(checkedSymbols, Is.GreaterThan(20));
    }
}
