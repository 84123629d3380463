using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;
using TomKing.Brokerages.Tastytrade.Streaming.Account;
using TomKing.Brokerages.Tastytrade.Symbology;

namespace TomKing.Brokerages.Tastytrade.Adapters;

/// <summary>Settings and host hooks of <see cref="TastytradeOrderPort"/>.</summary>
public sealed record TastytradeOrderPortOptions
{
    /// <summary>Prefix of every <c>external-identifier</c>: prefix + <see cref="ClientOrderId"/> text (<c>tk-C42</c>).
    /// Orders whose identifier starts with it are ours (reconciliation, snapshots).</summary>
    public string ExternalIdPrefix { get; init; } = "tk-";

    /// <summary>Awaited on the sender before every order POST (the live runner waits for journal durability here).
    /// If it throws, the order is not sent and is reported rejected with the exception's message.</summary>
    public Func<ComboOrderRequest, CancellationToken, ValueTask>? BeforeSend { get; init; }

    /// <summary>Called from <see cref="TastytradeOrderPort.Pump"/> (the host's thread) when the broker id of an order
    /// becomes known: after the POST's 2xx, after reconciliation finds it, and after a replace (new broker id).</summary>
    public Action<OrderAcknowledgement>? Acknowledged { get; init; }

    /// <summary>Called from <see cref="TastytradeOrderPort.Pump"/> with the streamer's other events (balances,
    /// positions, connections, REST position snapshots after a reconnect).</summary>
    public Action<AccountStreamEvent>? AccountEvents { get; init; }

    /// <summary>Names futures options (the delivered future is not part of <see cref="OptionContract"/>); null refuses
    /// futures-option legs. Ignored when <see cref="LegSymbols"/> is set.</summary>
    public Func<OptionContract, FutureOptionSymbol?>? FutureOptionSymbols { get; init; }

    /// <summary>Replaces the default leg naming (OCC, futures options through <see cref="FutureOptionSymbols"/>).</summary>
    public LegSymbolResolver? LegSymbols { get; init; }

    /// <summary>Maps a leg symbol back to a contract for symbols this port did not send (after a restart); default:
    /// OCC, then the futures-option order form through the catalogue.</summary>
    public LegContractResolver? LegContracts { get; init; }

    /// <summary>Send <c>strict-position-effect-validation</c> on orders with a closing leg (default true).</summary>
    public bool StrictPositionEffect { get; init; } = true;

    /// <summary>Wait before the first reconciliation of an unknown submit, so a request still being processed by the
    /// server is not declared absent (default 1 s).</summary>
    public TimeSpan ReconcileDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>First backoff of a retried step (reconcile, cancel, a POST the server did not take); doubles per attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest backoff (also caps a server's Retry-After).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most order POSTs per client order id. Each POST after the first follows a reconciliation that proved
    /// the previous one absent at the broker; past this the order is reported rejected (it does not exist).</summary>
    public int MaxPostsPerOrder { get; init; } = 3;

    /// <summary>Most replace attempts per request whose outcome stayed unknown (each after reading the original order
    /// showed no replacement); past this the replace is reported refused.</summary>
    public int MaxReplaceAttempts { get; init; } = 3;

    /// <summary>Time source for report times (default: the system's).</summary>
    public TimeProvider? Time { get; init; }
}

/// <summary>The broker id of an order became known (journal it).</summary>
/// <param name="ClientId">The pipeline's id.</param>
/// <param name="Order">The port's handle.</param>
/// <param name="BrokerOrderId">Tastytrade's order id (a replace gives a new one for the same <paramref name="Order"/>).</param>
/// <param name="ExternalIdentifier">The <c>external-identifier</c> sent.</param>
/// <param name="ReplacesBrokerOrderId">The broker order this one replaced, for a replace.</param>
public readonly record struct OrderAcknowledgement(ClientOrderId ClientId, OrderId Order, long BrokerOrderId, string ExternalIdentifier, long? ReplacesBrokerOrderId);
