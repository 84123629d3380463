namespace TomKing.Brokerages.Tastytrade.Api.Models;

// Enumerated wire values are kept as strings in the models on purpose: Tastytrade adds values
// (new instrument types, notification types, statuses), and a strict enum parse turns one unknown
// value into a failed response (the LEAN plugin's PR #10). These constants are the known values.

/// <summary>Values of <c>order-type</c>.</summary>
public static class OrderTypes
{
    /// <summary>Limit.</summary>
    public const string Limit = "Limit";

    /// <summary>Market (Day only; GTC/GTD market orders are rejected).</summary>
    public const string Market = "Market";

    /// <summary>Marketable limit.</summary>
    public const string MarketableLimit = "Marketable Limit";

    /// <summary>Stop (needs <c>stop-trigger</c>).</summary>
    public const string Stop = "Stop";

    /// <summary>Stop limit (needs <c>stop-trigger</c> and <c>price</c>).</summary>
    public const string StopLimit = "Stop Limit";

    /// <summary>Notional market (<c>value</c> + <c>value-effect</c>; legs omit quantity).</summary>
    public const string NotionalMarket = "Notional Market";
}

/// <summary>Values of <c>time-in-force</c>.</summary>
public static class TimeInForces
{
    /// <summary>Day.</summary>
    public const string Day = "Day";

    /// <summary>Good till cancelled.</summary>
    public const string Gtc = "GTC";

    /// <summary>Good till date (with <c>gtc-date</c>).</summary>
    public const string Gtd = "GTD";

    /// <summary>Extended hours.</summary>
    public const string Ext = "Ext";

    /// <summary>Extended overnight.</summary>
    public const string ExtOvernight = "Ext Overnight";

    /// <summary>GTC incl. extended hours.</summary>
    public const string GtcExt = "GTC Ext";

    /// <summary>GTC incl. extended overnight.</summary>
    public const string GtcExtOvernight = "GTC Ext Overnight";

    /// <summary>Immediate or cancel.</summary>
    public const string Ioc = "IOC";
}

/// <summary>Values of every <c>*-effect</c> field: the sign of an unsigned amount.</summary>
public static class PriceEffects
{
    /// <summary>You receive.</summary>
    public const string Credit = "Credit";

    /// <summary>You pay.</summary>
    public const string Debit = "Debit";

    /// <summary>Zero.</summary>
    public const string None = "None";
}

/// <summary>Values of a leg's <c>action</c>.</summary>
public static class OrderActions
{
    /// <summary>Buy to open.</summary>
    public const string BuyToOpen = "Buy to Open";

    /// <summary>Sell to open.</summary>
    public const string SellToOpen = "Sell to Open";

    /// <summary>Buy to close.</summary>
    public const string BuyToClose = "Buy to Close";

    /// <summary>Sell to close.</summary>
    public const string SellToClose = "Sell to Close";

    /// <summary>Buy (outright futures only).</summary>
    public const string Buy = "Buy";

    /// <summary>Sell (outright futures only).</summary>
    public const string Sell = "Sell";

    /// <summary>True for the buying actions.</summary>
    public static bool IsBuy(string? action) =>
        action is BuyToOpen or BuyToClose or Buy;
}

/// <summary>Values of <c>instrument-type</c>.</summary>
public static class InstrumentTypes
{
    /// <summary>Shares / ETF.</summary>
    public const string Equity = "Equity";

    /// <summary>Equity or index option (OCC symbol).</summary>
    public const string EquityOption = "Equity Option";

    /// <summary>Future.</summary>
    public const string Future = "Future";

    /// <summary>Future option.</summary>
    public const string FutureOption = "Future Option";

    /// <summary>Cryptocurrency.</summary>
    public const string Cryptocurrency = "Cryptocurrency";

    /// <summary>Index (data only).</summary>
    public const string Index = "Index";
}

/// <summary>Values of an order's <c>status</c>.</summary>
public static class OrderStatuses
{
    /// <summary>Received by tastytrade.</summary>
    public const string Received = "Received";

    /// <summary>Being routed.</summary>
    public const string Routed = "Routed";

    /// <summary>En route to the exchange.</summary>
    public const string InFlight = "In Flight";

    /// <summary>Working (also while partially filled).</summary>
    public const string Live = "Live";

    /// <summary>Cancel requested.</summary>
    public const string CancelRequested = "Cancel Requested";

    /// <summary>Replace requested.</summary>
    public const string ReplaceRequested = "Replace Requested";

    /// <summary>Waiting on a related order.</summary>
    public const string Contingent = "Contingent";

    /// <summary>Fully filled (terminal).</summary>
    public const string Filled = "Filled";

    /// <summary>Cancelled (terminal).</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>Expired (terminal).</summary>
    public const string Expired = "Expired";

    /// <summary>Rejected, see <c>reject-reason</c> (terminal).</summary>
    public const string Rejected = "Rejected";

    /// <summary>Removed by an administrator (terminal).</summary>
    public const string Removed = "Removed";

    /// <summary>Partially removed (terminal).</summary>
    public const string PartiallyRemoved = "Partially Removed";

    /// <summary>True when no further change can happen to the order.</summary>
    public static bool IsTerminal(string? status) =>
        status is Filled or Cancelled or Expired or Rejected or Removed or PartiallyRemoved;
}
