namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary><c>GET /customers/me</c>: the login's customer profile. Only the fields a trading client may need are read
/// (personal data beyond them is not modelled, and none of it is ever logged).</summary>
public sealed record Customer
{
    /// <summary>Customer id (<c>me</c> is accepted in paths for the caller's own record).</summary>
    public string? Id { get; init; }

    /// <summary>Tastytrade's external id for the customer (user messages are subscribed with it).</summary>
    public string? ExternalId { get; init; }

    /// <summary>First name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Professional market-data subscriber (affects quote entitlements).</summary>
    public bool IsProfessional { get; init; }

    /// <summary>Agreed to the margin agreement.</summary>
    public bool AgreedToMargining { get; init; }

    /// <summary>Agreed to the terms.</summary>
    public bool AgreedToTerms { get; init; }
}

/// <summary>An item of <c>GET /customers/me/accounts</c>: the account and the caller's authority over it.</summary>
public sealed record AccountAuthority
{
    /// <summary>The account.</summary>
    public Account? Account { get; init; }

    /// <summary><c>owner</c>, <c>trade-only</c>, <c>read-only</c>…</summary>
    public string? AuthorityLevel { get; init; }
}

/// <summary>A brokerage account (<c>GET /customers/me/accounts/{n}</c> returns it bare).</summary>
public sealed record Account
{
    /// <summary>The account number (a secret beyond its last 4 characters in logs).</summary>
    public string? AccountNumber { get; init; }

    /// <summary>User-chosen name.</summary>
    public string? Nickname { get; init; }

    /// <summary>e.g. <c>Individual</c>.</summary>
    public string? AccountTypeName { get; init; }

    /// <summary><c>Margin</c> or <c>Cash</c>.</summary>
    public string? MarginOrCash { get; init; }

    /// <summary>Closed accounts are listed too; callers filter them.</summary>
    public bool IsClosed { get; init; }

    /// <summary>Futures trading approved.</summary>
    public bool IsFuturesApproved { get; init; }

    /// <summary>Firm error account.</summary>
    public bool IsFirmError { get; init; }

    /// <summary>Firm proprietary account.</summary>
    public bool IsFirmProprietary { get; init; }

    /// <summary>Foreign account.</summary>
    public bool IsForeign { get; init; }

    /// <summary>Pattern day trader flag.</summary>
    public bool DayTraderStatus { get; init; }

    /// <summary>When the account was opened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>When the account record was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Suitable options level text.</summary>
    public string? SuitableOptionsLevel { get; init; }

    /// <summary>Tastytrade's external id.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Investment objective text.</summary>
    public string? InvestmentObjective { get; init; }

    /// <summary>Futures account purpose text.</summary>
    public string? FuturesAccountPurpose { get; init; }
}

/// <summary><c>GET /accounts/{n}/trading-status</c>: the flags that decide whether we may open trades.</summary>
public sealed record TradingStatus
{
    /// <summary>Account number.</summary>
    public string? AccountNumber { get; init; }

    /// <summary>Only closing trades are allowed.</summary>
    public bool IsClosingOnly { get; init; }

    /// <summary>Futures trading enabled.</summary>
    public bool IsFuturesEnabled { get; init; }

    /// <summary>Pattern day trader.</summary>
    public bool IsPatternDayTrader { get; init; }

    /// <summary>The account is frozen.</summary>
    public bool IsFrozen { get; init; }

    /// <summary>Options approval level text.</summary>
    public string? OptionsLevel { get; init; }

    /// <summary>Day trades counted.</summary>
    public int? DayTradeCount { get; init; }
}
