namespace TomKing.Brokerages.Tastytrade.Api.Models;

/// <summary>
/// <c>GET /accounts/{n}/balances</c> (observed as a single object in <c>data</c>) and the account
/// streamer's <c>AccountBalance</c> data. Every money field is a decimal <b>string</b> on the wire
/// (<see cref="WireDecimalConverter"/>); signs are carried by the sibling <c>*-effect</c> fields where present.
/// </summary>
public sealed record AccountBalance
{
    /// <summary>Account number.</summary>
    public string? AccountNumber { get; init; }

    /// <summary>Currency, <c>USD</c>.</summary>
    public string? Currency { get; init; }

    /// <summary>Cash balance (decimal string).</summary>
    public decimal? CashBalance { get; init; }

    /// <summary>Settled cash (decimal string).</summary>
    public decimal? CashSettleBalance { get; init; }

    /// <summary>Net liquidating value (decimal string).</summary>
    public decimal? NetLiquidatingValue { get; init; }

    /// <summary>Available trading funds (decimal string).</summary>
    public decimal? AvailableTradingFunds { get; init; }

    /// <summary>Equity buying power (decimal string).</summary>
    public decimal? EquityBuyingPower { get; init; }

    /// <summary>Derivative (option) buying power (decimal string).</summary>
    public decimal? DerivativeBuyingPower { get; init; }

    /// <summary>Day-trading buying power (decimal string).</summary>
    public decimal? DayTradingBuyingPower { get; init; }

    /// <summary>Derivative buying power in use (decimal string).</summary>
    public decimal? UsedDerivativeBuyingPower { get; init; }

    /// <summary>Margin equity (decimal string).</summary>
    public decimal? MarginEquity { get; init; }

    /// <summary>Maintenance requirement (decimal string).</summary>
    public decimal? MaintenanceRequirement { get; init; }

    /// <summary>Maintenance excess (decimal string).</summary>
    public decimal? MaintenanceExcess { get; init; }

    /// <summary>Maintenance call (decimal string).</summary>
    public decimal? MaintenanceCallValue { get; init; }

    /// <summary>Reg-T call (decimal string).</summary>
    public decimal? RegTCallValue { get; init; }

    /// <summary>Reg-T margin requirement (decimal string).</summary>
    public decimal? RegTMarginRequirement { get; init; }

    /// <summary>Day-trading call (decimal string).</summary>
    public decimal? DayTradingCallValue { get; init; }

    /// <summary>Day equity call (decimal string).</summary>
    public decimal? DayEquityCallValue { get; init; }

    /// <summary>Day-trade excess (decimal string).</summary>
    public decimal? DayTradeExcess { get; init; }

    /// <summary>Futures margin requirement (decimal string).</summary>
    public decimal? FuturesMarginRequirement { get; init; }

    /// <summary>Futures overnight margin requirement (decimal string).</summary>
    public decimal? FuturesOvernightMarginRequirement { get; init; }

    /// <summary>Futures intraday margin requirement (decimal string).</summary>
    public decimal? FuturesIntradayMarginRequirement { get; init; }

    /// <summary>Long equity value (decimal string).</summary>
    public decimal? LongEquityValue { get; init; }

    /// <summary>Short equity value (decimal string).</summary>
    public decimal? ShortEquityValue { get; init; }

    /// <summary>Long derivative value (decimal string).</summary>
    public decimal? LongDerivativeValue { get; init; }

    /// <summary>Short derivative value (decimal string).</summary>
    public decimal? ShortDerivativeValue { get; init; }

    /// <summary>Long futures value (decimal string).</summary>
    public decimal? LongFuturesValue { get; init; }

    /// <summary>Short futures value (decimal string).</summary>
    public decimal? ShortFuturesValue { get; init; }

    /// <summary>Long futures-derivative value (decimal string).</summary>
    public decimal? LongFuturesDerivativeValue { get; init; }

    /// <summary>Short futures-derivative value (decimal string).</summary>
    public decimal? ShortFuturesDerivativeValue { get; init; }

    /// <summary>Long marginable value (decimal string).</summary>
    public decimal? LongMargineableValue { get; init; }

    /// <summary>Short marginable value (decimal string).</summary>
    public decimal? ShortMargineableValue { get; init; }

    /// <summary>Cash available to withdraw (decimal string).</summary>
    public decimal? CashAvailableToWithdraw { get; init; }

    /// <summary>Pending cash (decimal string, unsigned).</summary>
    public decimal? PendingCash { get; init; }

    /// <summary>Sign of <see cref="PendingCash"/>: <c>Credit</c>/<c>Debit</c>/<c>None</c>.</summary>
    public string? PendingCashEffect { get; init; }

    /// <summary>Buying-power adjustment (decimal string, unsigned).</summary>
    public decimal? BuyingPowerAdjustment { get; init; }

    /// <summary>Sign of <see cref="BuyingPowerAdjustment"/>.</summary>
    public string? BuyingPowerAdjustmentEffect { get; init; }

    /// <summary>SMA equity-option buying power (decimal string).</summary>
    public decimal? SmaEquityOptionBuyingPower { get; init; }

    /// <summary>Special memorandum account value (decimal string).</summary>
    public decimal? SpecialMemorandumAccountValue { get; init; }

    /// <summary>Snapshot date.</summary>
    public DateOnly? SnapshotDate { get; init; }

    /// <summary><c>EOD</c>/<c>BOD</c> on snapshots.</summary>
    public string? TimeOfDay { get; init; }
}
