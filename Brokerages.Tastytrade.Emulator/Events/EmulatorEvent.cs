using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Emulator.Events;

/// <summary>
/// A change in an emulated account, as the account streamer announces it:
/// <c>{"type": <see cref="NotificationType"/>, "data": …, "timestamp": …}</c>. The data is the same model the REST
/// API returns for the object, captured at the moment of the change (immutable).
/// </summary>
/// <param name="AccountNumber">The account that changed (the streamer sends it only to sockets connected to it).</param>
/// <param name="Sequence">Strictly increasing across all events of one emulator (the order of the changes).</param>
/// <param name="Timestamp">Market time of the change as a UTC instant (the notification's <c>timestamp</c>, epoch ms).</param>
public abstract record EmulatorEvent(string AccountNumber, long Sequence, DateTimeOffset Timestamp)
{
    /// <summary>The notification's <c>type</c>: <c>Order</c>, <c>ComplexOrder</c>, <c>AccountBalance</c> or <c>CurrentPosition</c>.</summary>
    public abstract string NotificationType { get; }
}

/// <summary>An order changed (status, fills, replace links). <see cref="Order"/> repeats every fill so far.</summary>
/// <param name="AccountNumber">Account.</param>
/// <param name="Sequence">Event sequence.</param>
/// <param name="Timestamp">When.</param>
/// <param name="Order">The order as <c>GET /accounts/{n}/orders/{id}</c> would return it now.</param>
public sealed record OrderChangedEvent(string AccountNumber, long Sequence, DateTimeOffset Timestamp, Order Order)
    : EmulatorEvent(AccountNumber, Sequence, Timestamp)
{
    /// <inheritdoc />
    public override string NotificationType => "Order";
}

/// <summary>A complex order (OCO/OTOCO) changed.</summary>
/// <param name="AccountNumber">Account.</param>
/// <param name="Sequence">Event sequence.</param>
/// <param name="Timestamp">When.</param>
/// <param name="ComplexOrder">The complex order as <c>GET /accounts/{n}/complex-orders/{id}</c> would return it.</param>
public sealed record ComplexOrderChangedEvent(string AccountNumber, long Sequence, DateTimeOffset Timestamp, ComplexOrder ComplexOrder)
    : EmulatorEvent(AccountNumber, Sequence, Timestamp)
{
    /// <inheritdoc />
    public override string NotificationType => "ComplexOrder";
}

/// <summary>The account's balances changed (after a fill or a fee).</summary>
/// <param name="AccountNumber">Account.</param>
/// <param name="Sequence">Event sequence.</param>
/// <param name="Timestamp">When.</param>
/// <param name="Balance">The balance object of <c>GET /accounts/{n}/balances</c>.</param>
public sealed record BalanceChangedEvent(string AccountNumber, long Sequence, DateTimeOffset Timestamp, AccountBalance Balance)
    : EmulatorEvent(AccountNumber, Sequence, Timestamp)
{
    /// <inheritdoc />
    public override string NotificationType => "AccountBalance";
}

/// <summary>A position changed (opened, changed size, or closed to quantity 0 with direction <c>Zero</c>).</summary>
/// <param name="AccountNumber">Account.</param>
/// <param name="Sequence">Event sequence.</param>
/// <param name="Timestamp">When.</param>
/// <param name="Position">The position item of <c>GET /accounts/{n}/positions</c> (with <c>order-id</c> of the fill's order).</param>
public sealed record PositionChangedEvent(string AccountNumber, long Sequence, DateTimeOffset Timestamp, Position Position)
    : EmulatorEvent(AccountNumber, Sequence, Timestamp)
{
    /// <inheritdoc />
    public override string NotificationType => "CurrentPosition";
}
