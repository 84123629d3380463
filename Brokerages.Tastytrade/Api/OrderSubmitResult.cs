using TomKing.Brokerages.Tastytrade.Api.Models;

namespace TomKing.Brokerages.Tastytrade.Api;

/// <summary>What is known after an order POST. Never retried blindly: an <see cref="OrderSubmitStatus.Unknown"/>
/// outcome must be settled with <see cref="TastytradeRestClient.ReconcileOrderAsync"/> before any resubmission.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="ExternalIdentifier">The client order id the POST carried.</param>
/// <param name="Response">The 201 answer when accepted.</param>
/// <param name="Error">The API error when rejected or not sent.</param>
/// <param name="Cause">The transport failure or 5xx when unknown.</param>
public sealed record OrderSubmitResult(
    OrderSubmitStatus Status,
    string ExternalIdentifier,
    PlacedOrderResponse? Response,
    TastytradeApiException? Error,
    Exception? Cause)
{
    /// <summary>The broker order id when accepted.</summary>
    public long? OrderId => Response?.Order?.Id;
}

/// <summary>Outcome of an order POST.</summary>
public enum OrderSubmitStatus
{
    /// <summary>201: the order exists at the broker.</summary>
    Accepted = 0,

    /// <summary>4xx (not 429): the broker refused it; it does not exist.</summary>
    Rejected = 1,

    /// <summary>429 or the client-side rate limiter refused it before it was processed; it does not exist and may be resent.</summary>
    NotSent = 2,

    /// <summary>Timeout, transport failure or 5xx: it may or may not exist. Reconcile.</summary>
    Unknown = 3,
}

/// <summary>Result of looking an order up by its external identifier.</summary>
/// <param name="Found">True when the broker has the order.</param>
/// <param name="Order">The order, when found.</param>
public sealed record OrderReconciliation(bool Found, Order? Order);
