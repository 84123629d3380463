using System.Text.Json;
using System.Text.Json.Nodes;
using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Tests.Api;

[TestFixture]
public class WireModelTests
{
    private static readonly TastytradeJsonContext Json = TastytradeJsonContext.Default;

    private static string Fixture(string name) => File.ReadAllText(TestPaths.TestData("Tastytrade", name));

    [Test]
    public void Accounts_Fixture_ReadsAccountAndAuthority()
    {
        var env = JsonSerializer.Deserialize(Fixture("accounts.json"), Json.ApiEnvelopeItemListAccountAuthority)!;
        Assert.That(env.Context, Is.EqualTo("/customers/me/accounts"));
        var item = env.Data!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.AuthorityLevel, Is.EqualTo("owner"));
            Assert.That(item.Account!.AccountNumber, Is.EqualTo("5WT00001"));
            Assert.That(item.Account.MarginOrCash, Is.EqualTo("Margin"));
            Assert.That(item.Account.IsFuturesApproved, Is.True);
        });
    }

    [Test]
    public void Balances_Fixture_ReadsDecimalStrings()
    {
        var b = JsonSerializer.Deserialize(Fixture("balances.json"), Json.ApiEnvelopeAccountBalance)!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(b.NetLiquidatingValue, Is.EqualTo(51234.56m));
            Assert.That(b.DerivativeBuyingPower, Is.EqualTo(45000.25m));
            Assert.That(b.RegTMarginRequirement, Is.EqualTo(5000m));
            Assert.That(b.SmaEquityOptionBuyingPower, Is.EqualTo(45000.25m));
            Assert.That(b.PendingCashEffect, Is.EqualTo(PriceEffects.None));
            Assert.That(b.SnapshotDate, Is.EqualTo(new DateOnly(2026, 1, 23)));
        });
    }

    [Test]
    public void Positions_Fixture_MultiplierAsNumberOrString()
    {
        var items = JsonSerializer.Deserialize(Fixture("positions.json"), Json.ApiEnvelopeItemListPosition)!.Data!.Items;
        Assert.Multiple(() =>
        {
            Assert.That(items[0].Multiplier, Is.EqualTo(1m));
            Assert.That(items[1].Multiplier, Is.EqualTo(2m));
            Assert.That(items[1].Quantity, Is.EqualTo(2m));
            Assert.That(items[1].QuantityDirection, Is.EqualTo("Short"));
            Assert.That(items[1].Symbol, Is.EqualTo("./MNQZ5D4AU5 250922C24575"));
            Assert.That(items[0].AverageDailyMarketClosePrice, Is.EqualTo(49.39m));
        });
    }

    [Test]
    public void PlacedOrder_Fixture_ReadsOrderBuyingPowerAndFees()
    {
        var placed = JsonSerializer.Deserialize(Fixture("order-placed.json"), Json.ApiEnvelopePlacedOrderResponse)!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(placed.Order!.Id, Is.EqualTo(270561));
            Assert.That(placed.Order.Status, Is.EqualTo(OrderStatuses.Routed));
            Assert.That(placed.Order.UpdatedAt, Is.EqualTo(1748439528049L));
            Assert.That(placed.Order.ReceivedAt, Is.EqualTo(new DateTimeOffset(2025, 5, 28, 13, 38, 47, 851, TimeSpan.Zero)));
            Assert.That(placed.Order.ExternalIdentifier, Is.EqualTo("C42"));
            Assert.That(placed.Order.Legs[0].Action, Is.EqualTo(OrderActions.BuyToOpen));
            Assert.That(placed.BuyingPowerEffect!.ChangeInBuyingPower, Is.EqualTo(1.001m));
            Assert.That(placed.BuyingPowerEffect.NewBuyingPower, Is.EqualTo(999999.999m));
            Assert.That(placed.FeeCalculation!.TotalFees, Is.EqualTo(0.001m));
            Assert.That(placed.FeeCalculation.RegulatoryFeesBreakdown![0].Name, Is.EqualTo("sec"));
        });
    }

    [Test]
    public void DryRun_Fixture_HasNoIdAndCarriesWarnings()
    {
        var env = JsonSerializer.Deserialize(Fixture("dry-run.json"), Json.ApiEnvelopePlacedOrderResponse)!;
        Assert.Multiple(() =>
        {
            Assert.That(env.Data!.Order!.Id, Is.Null);
            Assert.That(env.Data.Order.Price, Is.EqualTo(1.09m));
            Assert.That(env.Data.BuyingPowerEffect!.IsSpread, Is.True);
            Assert.That(env.Data.FeeCalculation!.TotalFees, Is.EqualTo(2.28m));
            Assert.That(env.Data.Warnings![0].Code, Is.EqualTo("tif_next_valid_sesssion"));
        });
    }

    [Test]
    public void FilledOrder_Fixture_ReadsFills()
    {
        var order = JsonSerializer.Deserialize(Fixture("order-filled.json"), Json.ApiEnvelopeOrder)!.Data!;
        var fill = order.Legs.Single().Fills.Single();
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Filled));
            Assert.That(OrderStatuses.IsTerminal(order.Status), Is.True);
            Assert.That(order.ExtGlobalOrderNumber, Is.EqualTo(212));
            Assert.That(fill.FillId, Is.EqualTo("2_TW::TEST_A1::20250528.135-TEST_FILL"));
            Assert.That(fill.FillPrice, Is.EqualTo(1.0m));
            Assert.That(fill.Quantity, Is.EqualTo(1m));
        });
    }

    [TestCase("error-preflight.json", "preflight_check_failure", "gtc_market_orders_not_supported", null)]
    [TestCase("error-validation.json", "validation_error", null, "price")]
    public void ErrorEnvelope_BothNestedShapes_Read(string file, string code, string? nestedCode, string? domain)
    {
        var error = JsonSerializer.Deserialize(Fixture(file), Json.ApiErrorEnvelope)!.Error!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(code));
            Assert.That(error.Errors![0].Code, Is.EqualTo(nestedCode));
            Assert.That(error.Errors[0].Domain, Is.EqualTo(domain));
        });
    }

    [Test]
    public void ErrorEnvelope_NumericCode_ReadAsString()
    {
        var error = JsonSerializer.Deserialize(Fixture("error-version.json"), Json.ApiErrorEnvelope)!.Error!;
        Assert.That(error.Code, Is.EqualTo("406"));
    }

    [Test]
    public void OAuthToken_Fixture_Reads()
    {
        var token = JsonSerializer.Deserialize(Fixture("oauth-token.json"), Json.OAuthTokenResponse)!;
        Assert.That(token.ExpiresIn, Is.EqualTo(900));
        Assert.That(token.AccessToken, Does.StartWith("eyJ"));
    }

    [Test]
    public void NestedOptionChain_Spx_HasBothRoots()
    {
        var items = JsonSerializer.Deserialize(Fixture("nested-option-chain-spx.json"), Json.ApiEnvelopeItemListNestedOptionChain)!.Data!.Items;
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.RootSymbol), Is.EqualTo(new[] { "SPX", "SPXW" }));
            Assert.That(items[1].Expirations[0].Strikes[0].StrikePrice, Is.EqualTo(5012.5m));
            Assert.That(items[1].Expirations[0].Strikes[0].CallStreamerSymbol, Is.EqualTo(".SPXW240315C5012.5"));
            Assert.That(items[0].TickSizes![1].Threshold, Is.Null);
        });
    }

    [Test]
    public void Future_Fixture_Reads()
    {
        var f = JsonSerializer.Deserialize(Fixture("future.json"), Json.ApiEnvelopeFutureInstrument)!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(f.StreamerSymbol, Is.EqualTo("/RBM25:XNYM"));
            Assert.That(f.TickSize, Is.EqualTo(0.0001m));
            Assert.That(f.FutureProduct!.RootSymbol, Is.EqualTo("/RB"));
            Assert.That(f.FutureProduct.ActiveMonths, Has.Count.EqualTo(12));
        });
    }

    [Test]
    public void FutureOptionChains_FlatAndNested_Read()
    {
        var flat = JsonSerializer.Deserialize(Fixture("future-option-chain.json"), Json.ApiEnvelopeItemListFutureOptionInstrument)!.Data!.Items.Single();
        var nested = JsonSerializer.Deserialize(Fixture("nested-future-option-chain-es.json"), Json.ApiEnvelopeNestedFutureOptionChains)!.Data!;
        Assert.Multiple(() =>
        {
            Assert.That(flat.OptionRootSymbol, Is.EqualTo("OG"));
            Assert.That(flat.StrikePrice, Is.EqualTo(2095m));
            Assert.That(nested.Futures[0].StreamerSymbol, Is.EqualTo("/ESU24:XCME"));
            Assert.That(nested.OptionChains[0].Expirations[0].OptionContractSymbol, Is.EqualTo("EW4Q4"));
            Assert.That(nested.OptionChains[0].Expirations[0].Strikes[0].Call, Is.EqualTo("./ESU4 EW4Q4 240823C5750"));
        });
    }

    [Test]
    public void QuoteToken_Fixture_ReadsDxlinkUrl()
    {
        var t = JsonSerializer.Deserialize(Fixture("quote-token.json"), Json.ApiEnvelopeQuoteToken)!.Data!;
        Assert.That(t.DxlinkUrl, Is.EqualTo("wss://tasty-demo-ws.dxfeed.com/delayed"));
        Assert.That(t.Level, Is.EqualTo("demo"));
    }

    [Test]
    public void MarketMetrics_BothNamings_GiveIvRank()
    {
        var items = JsonSerializer.Deserialize(Fixture("market-metrics.json"), Json.ApiEnvelopeItemListMarketMetric)!.Data!.Items;
        Assert.Multiple(() =>
        {
            Assert.That(items[0].IvRank, Is.EqualTo(0.312m));
            Assert.That(items[0].ImpliedVolatilityIndex5DayChange, Is.EqualTo(-0.0123m));
            Assert.That(items[0].ImpliedVolatility30Day, Is.EqualTo(24.1m));
            Assert.That(items[0].LiquidityRating, Is.EqualTo(4m));
            Assert.That(items[1].IvRank, Is.EqualTo(0.2m));
            Assert.That(items[1].ImpliedVolatilityIndex, Is.EqualTo(0.15m));
        });
    }

    [Test]
    public void Transactions_Fixture_ReadsFeesAndPagination()
    {
        var env = JsonSerializer.Deserialize(Fixture("transactions.json"), Json.ApiEnvelopeItemListTransaction)!;
        var t = env.Data!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(t.NetValue, Is.EqualTo(233.62m));
            Assert.That(t.Quantity, Is.EqualTo(1m));
            Assert.That(t.ProprietaryIndexOptionFees, Is.EqualTo(0.65m));
            Assert.That(env.Pagination!.PerPage, Is.EqualTo(250));
            Assert.That(env.Pagination.TotalPages, Is.EqualTo(1));
        });
    }

    [Test]
    public void OrderRequest_Vertical_SerializesToReferenceShape()
    {
        var request = new OrderRequest
        {
            TimeInForce = TimeInForces.Day,
            OrderType = OrderTypes.Limit,
            Price = 1.09m,
            PriceEffect = PriceEffects.Debit,
            Legs =
            [
                new OrderLegRequest { InstrumentType = InstrumentTypes.EquityOption, Symbol = "AAPL  230818C00197500", Quantity = 1, Action = OrderActions.BuyToOpen },
                new OrderLegRequest { InstrumentType = InstrumentTypes.EquityOption, Symbol = "AAPL  230818C00200000", Quantity = 1, Action = OrderActions.SellToOpen },
            ],
        };
        string json = JsonSerializer.Serialize(request, Json.OrderRequest);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(Fixture("order-request-vertical.json"))), Is.True, json);
    }

    [Test]
    public void ComplexOrderRequest_Otoco_RoundTripsToReferenceShape()
    {
        var parsed = JsonSerializer.Deserialize(Fixture("complex-order-otoco.json"), Json.ComplexOrderRequest)!;
        Assert.That(parsed.TriggerOrder!.Price, Is.EqualTo(180m));
        Assert.That(parsed.Orders[1].StopTrigger, Is.EqualTo(160m));
        string json = JsonSerializer.Serialize(parsed, Json.ComplexOrderRequest);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(Fixture("complex-order-otoco.json"))), Is.True, json);
    }

    [TestCase("accounts.json")]
    [TestCase("order-placed.json")]
    [TestCase("order-filled.json")]
    [TestCase("positions.json")]
    public void Fixture_ReadWriteRead_IsStable(string file)
    {
        // Reading what we wrote gives the same records (the emulator serves with these types).
        switch (file)
        {
            case "accounts.json": Check(Json.ApiEnvelopeItemListAccountAuthority, a => a.Data!.Items[0].Account); break;
            case "order-placed.json": Check(Json.ApiEnvelopePlacedOrderResponse, a => (a.Data!.Order!.Id, a.Data.FeeCalculation!.TotalFees, a.Data.BuyingPowerEffect!.NewBuyingPower)); break;
            case "order-filled.json": Check(Json.ApiEnvelopeOrder, a => (a.Data!.Legs[0].Fills[0], a.Data.UpdatedAt)); break;
            default: Check(Json.ApiEnvelopeItemListPosition, a => (a.Data!.Items[0], a.Data.Items[1])); break;
        }

        void Check<T, TKey>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, Func<T, TKey> key)
        {
            var first = JsonSerializer.Deserialize(Fixture(file), info)!;
            var second = JsonSerializer.Deserialize(JsonSerializer.Serialize(first, info), info)!;
            Assert.That(key(second), Is.EqualTo(key(first)));
        }
    }

    [Test]
    public void Decimal_WrittenAsString_QuantityAsNumber()
    {
        var leg = new OrderLegRequest { Symbol = "AAPL", Quantity = 3, Action = OrderActions.BuyToOpen, InstrumentType = InstrumentTypes.Equity };
        string json = JsonSerializer.Serialize(new OrderRequest { Price = 150.25m, PriceEffect = PriceEffects.Debit, Legs = [leg] }, Json.OrderRequest);
        Assert.That(json, Does.Contain("\"price\":\"150.25\"").And.Contain("\"quantity\":3").And.Not.Contain("gtc-date"));
    }
}
