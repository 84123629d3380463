using System.Net;
using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Tests.EmulatorTests;

/// <summary>Each endpoint answers the documented shape, read back with the client's own models.</summary>
[TestFixture]
public class EmulatorRestShapeTests
{
    private EmulatorSession _s = null!;

    [OneTimeSetUp]
    public async Task Start() => _s = await EmulatorSession.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Accounts_ListTheCustomersAccount_WithOwnerAuthority()
    {
        var list = await _s.GetDataAsync<ItemList<AccountAuthority>>("/customers/me/accounts");
        Assert.That(list.Items, Has.Count.EqualTo(1));
        Assert.That(list.Items[0].Account!.AccountNumber, Is.EqualTo(EmulatorSession.Account));
        Assert.That(list.Items[0].AuthorityLevel, Is.EqualTo("owner"));
        Assert.That(list.Items[0].Account!.MarginOrCash, Is.EqualTo("Margin"));
    }

    [Test]
    public async Task Balances_AreOneObject_WithStartingCash()
    {
        var balance = await _s.GetDataAsync<AccountBalance>($"/accounts/{EmulatorSession.Account}/balances");
        Assert.That(balance.AccountNumber, Is.EqualTo(EmulatorSession.Account));
        Assert.That(balance.CashBalance, Is.EqualTo(100_000m));
        Assert.That(balance.NetLiquidatingValue, Is.EqualTo(100_000m));
        Assert.That(balance.DerivativeBuyingPower, Is.EqualTo(100_000m));
    }

    [Test]
    public async Task OtherAccount_Is403NotPermitted()
    {
        using var response = await _s.SendAsync(HttpMethod.Get, "/accounts/5WX99999/balances");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var error = await EmulatorSession.ReadAsync<ApiErrorEnvelope>(response);
        Assert.That(error.Error!.Code, Is.EqualTo("not_permitted"));
    }

    [Test]
    public async Task UnknownPath_Is404Envelope()
    {
        using var response = await _s.SendAsync(HttpMethod.Get, "/no/such/thing");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await EmulatorSession.ReadAsync<ApiErrorEnvelope>(response)).Error!.Message, Does.Contain("/no/such/thing"));
    }

    [Test]
    public async Task Positions_EmptyAccount_IsEmptyItems()
    {
        var positions = await _s.GetDataAsync<ItemList<Position>>($"/accounts/{EmulatorSession.Account}/positions");
        Assert.That(positions.Items, Is.Empty);
    }

    [Test]
    public async Task Equity_Spy_IsEtf_Spx_IsIndex()
    {
        var spy = await _s.GetDataAsync<EquityInstrument>("/instruments/equities/SPY");
        var spx = await _s.GetDataAsync<EquityInstrument>("/instruments/equities/SPX");
        Assert.That((spy.Symbol, spy.IsEtf, spy.IsIndex, spy.StreamerSymbol), Is.EqualTo(("SPY", true, false, "SPY")));
        Assert.That((spx.Symbol, spx.IsIndex), Is.EqualTo(("SPX", true)));
    }

    [TestCase("SPY", new[] { "SPY" })]
    [TestCase("QQQ", new[] { "QQQ" })]
    [TestCase("IWM", new[] { "IWM" })]
    [TestCase("SPX", new[] { "SPXW", "SPX" })]
    public async Task NestedChain_OneItemPerRoot_WithOccAndStreamerSymbols(string underlying, string[] roots)
    {
        var chains = await _s.GetDataAsync<ItemList<NestedOptionChain>>($"/option-chains/{underlying}/nested");
        Assert.That(chains.Items.Select(c => c.RootSymbol), Is.EquivalentTo(roots));
        foreach (var chain in chains.Items)
        {
            Assert.That(chain.UnderlyingSymbol, Is.EqualTo(underlying));
            Assert.That(chain.Expirations, Is.Not.Empty);
            var exp = chain.Expirations[0];
            Assert.That(exp.Strikes, Is.Not.Empty);
            var strike = exp.Strikes[exp.Strikes.Count / 2];
            Assert.That(strike.Call, Has.Length.EqualTo(21));
            Assert.That(strike.Call!.TrimEnd()[..chain.RootSymbol!.Length], Is.EqualTo(chain.RootSymbol));
            Assert.That(strike.CallStreamerSymbol, Does.StartWith("." + chain.RootSymbol + exp.ExpirationDate!.Value.ToString("yyMMdd") + "C"));
            Assert.That(exp.SettlementType, Is.EqualTo(chain.RootSymbol == "SPX" ? "AM" : "PM"));
        }
    }

    [Test]
    public async Task EquityOption_BySymbol_RoundTripsTheChainSymbol()
    {
        var chains = await _s.GetDataAsync<ItemList<NestedOptionChain>>("/option-chains/SPY/nested");
        var strike = chains.Items[0].Expirations[3].Strikes[10];
        var option = await _s.GetDataAsync<EquityOptionInstrument>("/instruments/equity-options/" + Uri.EscapeDataString(strike.Put!));
        Assert.That(option.Symbol, Is.EqualTo(strike.Put));
        Assert.That(option.StreamerSymbol, Is.EqualTo(strike.PutStreamerSymbol));
        Assert.That(option.OptionType, Is.EqualTo("P"));
        Assert.That(option.StrikePrice, Is.EqualTo(strike.StrikePrice));
    }

    [Test]
    public async Task Futures_Es_FourQuarterlies_WithStreamerSymbols()
    {
        var futures = await _s.GetDataAsync<ItemList<FutureInstrument>>("/instruments/futures?product-code[]=ES");
        Assert.That(futures.Items.Select(f => f.Symbol), Is.EqualTo(new[] { "/ESM4", "/ESU4", "/ESZ4", "/ESH5" }));
        Assert.That(futures.Items[0].StreamerSymbol, Is.EqualTo("/ESM24:XCME"));
        Assert.That(futures.Items[0].ActiveMonth, Is.True);
        var one = await _s.GetDataAsync<FutureInstrument>("/instruments/futures/ESU4");
        Assert.That(one.Symbol, Is.EqualTo("/ESU4"));
    }

    [Test]
    public async Task FutureOptionChain_Nested_HasFuturesAndChains()
    {
        var nested = await _s.GetDataAsync<NestedFutureOptionChains>("/futures-option-chains/ES/nested");
        Assert.That(nested.Futures, Is.Not.Empty);
        Assert.That(nested.OptionChains, Has.Count.EqualTo(1));
        var exp = nested.OptionChains[0].Expirations.First(e => e.ExpirationDate == new DateOnly(2024, 6, 21));
        Assert.That(exp.UnderlyingSymbol, Is.EqualTo("/ESM4"));
        var strike = exp.Strikes[exp.Strikes.Count / 2];
        Assert.That(strike.Call, Does.StartWith("./ESM4 ESM4  240621C"));
        Assert.That(strike.CallStreamerSymbol, Does.StartWith("./ESM24C").And.EndWith(":XCME"));
        var fop = await _s.GetDataAsync<FutureOptionInstrument>("/instruments/future-options/" + Uri.EscapeDataString(strike.Put!));
        Assert.That(fop.Symbol, Is.EqualTo(strike.Put));
        Assert.That(fop.Multiplier, Is.EqualTo(50m));
    }

    [Test]
    public async Task QuoteToken_PointsAtDxLinkOnThisHost()
    {
        var token = await _s.GetDataAsync<QuoteToken>("/api-quote-tokens");
        Assert.That(token.Token, Is.Not.Empty);
        Assert.That(token.DxlinkUrl, Is.EqualTo($"ws://127.0.0.1:{_s.Host.BaseUrl.Port}/dxlink"));
        Assert.That(_s.Host.Context.Tokens.IsValidQuoteToken(token.Token), Is.True);
    }

    [Test]
    public async Task MarketMetrics_IvRankFromTheSyntheticMarket()
    {
        var metrics = await _s.GetDataAsync<ItemList<MarketMetric>>("/market-metrics?symbols=SPY,QQQ,NOPE");
        Assert.That(metrics.Items.Select(m => m.Symbol), Is.EqualTo(new[] { "SPY", "QQQ" }));
        _s.Host.Market.TryGetIvRank("SPY", out double rank, out _);
        Assert.That(metrics.Items[0].IvRank, Is.EqualTo(Math.Round((decimal)rank / 100m, 4)));
        Assert.That(metrics.Items[0].IvRank, Is.InRange(0m, 1m));
    }

    [Test]
    public async Task OrdersSearch_IsPaginated()
    {
        var page = await _s.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/accounts/{EmulatorSession.Account}/orders?per-page=5&page-offset=0")
        {
            Headers = { { "User-Agent", EmulatorSession.UserAgent }, { "Authorization", "Bearer " + _s.Token } },
        });
        var envelope = await EmulatorSession.ReadAsync<ApiEnvelope<ItemList<Order>>>(page);
        Assert.That(envelope.Pagination, Is.Not.Null);
        Assert.That(envelope.Pagination!.PerPage, Is.EqualTo(5));
    }
}
