using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Adapters;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Greeks;

namespace TomKing.Brokerages.Tastytrade.Tests.Adapters;

/// <summary>The limit sign of <see cref="BrokerOrderSnapshot"/>: Tastytrade reports every price unsigned with a
/// Debit/Credit effect. An order read back by a port that did not place it (after a restart, before adoption) must
/// show the same limit as the port that placed it, once the request's quantity is known.</summary>
[TestFixture]
[CancelAfter(30_000)]
public class SnapshotLimitSignTests
{
    [Test]
    public async Task ClosingCreditSpread_ForADebit_SnapshotLimitMatchesTheRequest_InThePlacingPort_AndAfterRestartAndAdoption()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var shortPut = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.96));
        var longPut = OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.93));
        var spread = OptionStructure.PutCreditSpread(shortPut, longPut);
        Assert.That(await h.UntilStatusAsync(h.Port.Submit(h.Request(41, spread, +1, marketable: true)), BrokerOrderStatus.Filled), Is.True);

        // Close the spread (quantity −1) with a resting limit: paying a debit.
        var close = h.Request(42, spread, -1, marketable: false);
        var closeId = h.Port.Submit(close);
        Assert.That(await h.UntilStatusAsync(closeId, BrokerOrderStatus.Working), Is.True);

        var wire = h.EmulatorOrders("tk-C42").Single();
        Assert.That(wire.PriceEffect, Is.EqualTo(PriceEffects.Debit), "closing a credit spread pays");
        Assert.That(wire.Price, Is.GreaterThan(0m), "Tastytrade's price is unsigned");
        decimal traded = wire.Price!.Value;   // debit: positive as traded
        Assert.That(close.LimitPrice, Is.EqualTo(-traded), "the request's sign: quantity −1 times a +debit");

        // The placing port: the request's sign.
        var placing = (await h.Port.SnapshotAsync(h.Host.Market.Today)).Orders.Single(o => o.ExternalIdentifier == "tk-C42");
        Assert.That((placing.Order, placing.LimitPrice, placing.TradedLimitPrice), Is.EqualTo(((OrderId?)closeId, close.LimitPrice, traded)));

        // A port that did not place it (a restarted runner), sharing nothing but the account.
        await using var restarted = new TastytradeOrderPort(h.Rest, OrderPortHarness.Account, _ => 0);
        var unknown = (await restarted.SnapshotAsync(h.Host.Market.Today)).Orders.Single(o => o.ExternalIdentifier == "tk-C42");
        Assert.That((unknown.Order, unknown.ClientId), Is.EqualTo(((OrderId?)null, (ClientOrderId?)new ClientOrderId(42))));
        Assert.That(unknown.TradedLimitPrice, Is.EqualTo(traded), "as traded: debit positive");
        Assert.That(unknown.LimitPrice, Is.EqualTo(traded), "request unknown: the traded sign");
        Assert.That(unknown.LimitPriceFor(close.Quantity), Is.EqualTo(close.LimitPrice));

        var journaled = (await restarted.SnapshotAsync(h.Host.Market.Today, c => c == new ClientOrderId(42) ? close.Quantity : null))
            .Orders.Single(o => o.ExternalIdentifier == "tk-C42");
        Assert.That(journaled.LimitPrice, Is.EqualTo(placing.LimitPrice), "with the journaled quantity: as the placing port reports it");

        var adopted = restarted.Adopt(close, wire.Id!.Value);
        var afterAdopt = (await restarted.SnapshotAsync(h.Host.Market.Today)).Orders.Single(o => o.ExternalIdentifier == "tk-C42");
        Assert.That((afterAdopt.Order, afterAdopt.LimitPrice, afterAdopt.TradedLimitPrice), Is.EqualTo(((OrderId?)adopted, close.LimitPrice, traded)));
    }

    [Test]
    public async Task OpeningCreditSpread_UnknownOrder_IsNegative_AsTraded_AndAsRequested()
    {
        await using var h = await OrderPortHarness.StartAsync();
        var spread = OptionStructure.PutCreditSpread(
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.96)),
            OrderPortHarness.ContractOf(h.EquityOption("SPY", 30, OptionRight.Put, 0.93)));
        var open = h.Request(43, spread, +1, marketable: false);
        var id = h.Port.Submit(open);
        Assert.That(await h.UntilStatusAsync(id, BrokerOrderStatus.Working), Is.True);
        var wire = h.EmulatorOrders("tk-C43").Single();
        Assert.That((wire.PriceEffect, wire.Price), Is.EqualTo((PriceEffects.Credit, (decimal?)-open.LimitPrice)), "sent unsigned with a Credit effect");

        await using var restarted = new TastytradeOrderPort(h.Rest, OrderPortHarness.Account, _ => 0);
        var unknown = (await restarted.SnapshotAsync(h.Host.Market.Today)).Orders.Single(o => o.ExternalIdentifier == "tk-C43");
        Assert.That((unknown.LimitPrice, unknown.TradedLimitPrice, unknown.LimitPriceFor(+1)), Is.EqualTo((open.LimitPrice, open.LimitPrice, open.LimitPrice)),
            "a credit is negative; for a positive quantity the traded and the request's signs agree");
        Assert.That(() => unknown.LimitPriceFor(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
