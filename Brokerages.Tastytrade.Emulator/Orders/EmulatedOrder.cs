using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>The engine's mutable state of one order (guarded by the engine's lock); <see cref="ToModel"/> snapshots it.</summary>
internal sealed class EmulatedOrder
{
    public long Id { get; init; }

    public required string AccountNumber { get; init; }

    public required string OrderType { get; init; }

    public required string TimeInForce { get; init; }

    public DateOnly? GtcDate { get; init; }

    public decimal? Price { get; init; }

    public string? PriceEffect { get; init; }

    public decimal? StopTrigger { get; init; }

    public string Status { get; set; } = OrderStatuses.Received;

    public string? Source { get; init; }

    public string? ExternalIdentifier { get; init; }

    public DateTime ReceivedAt { get; init; }

    public DateTime? LiveAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public DateTime? TerminalAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? RejectReason { get; set; }

    public long? ReplacesOrderId { get; init; }

    public long? ReplacingOrderId { get; set; }

    public long? ComplexOrderId { get; init; }

    public string? ComplexOrderTag { get; init; }

    public required IReadOnlyList<EmulatedLeg> Legs { get; init; }

    /// <summary>Combo units (the gcd of the leg quantities).</summary>
    public int Size { get; init; }

    public int FilledUnits { get; set; }

    public bool StopTriggered { get; set; }

    /// <summary>Buying power per unit from the margin model at placement (0 for closing-only orders).</summary>
    public decimal BuyingPowerPerUnit { get; init; }

    public bool IsTerminal => OrderStatuses.IsTerminal(Status);

    public int RemainingUnits => Size - FilledUnits;

    public string UnderlyingSymbol => Legs[0].Instrument.UnderlyingSymbol;

    public string UnderlyingInstrumentType => Legs[0].Instrument.InstrumentType switch
    {
        InstrumentTypes.EquityOption => Legs[0].Instrument.Product is "SPX" or "XSP" or "VIX" ? InstrumentTypes.Index : InstrumentTypes.Equity,
        InstrumentTypes.FutureOption => InstrumentTypes.Future,
        var t => t,
    };

    public Order ToModel(bool dryRun = false)
    {
        bool working = Status is OrderStatuses.Received or OrderStatuses.Routed or OrderStatuses.Live or OrderStatuses.Contingent;
        return new Order
        {
            Id = dryRun ? null : Id,
            AccountNumber = AccountNumber,
            OrderType = OrderType,
            TimeInForce = TimeInForce,
            GtcDate = GtcDate,
            Price = Price,
            PriceEffect = PriceEffect,
            StopTrigger = StopTrigger,
            Size = Size,
            Status = Status,
            Cancellable = working && !dryRun,
            Editable = working && !dryRun && ComplexOrderId is null,
            Edited = ReplacesOrderId is not null,
            UnderlyingSymbol = UnderlyingSymbol,
            UnderlyingInstrumentType = UnderlyingInstrumentType,
            ReceivedAt = EmulatorClock.ToUtc(ReceivedAt),
            LiveAt = LiveAt is { } live ? EmulatorClock.ToUtc(live) : null,
            CancelledAt = CancelledAt is { } c ? EmulatorClock.ToUtc(c) : null,
            TerminalAt = TerminalAt is { } t ? EmulatorClock.ToUtc(t) : null,
            UpdatedAt = EmulatorClock.ToUtc(UpdatedAt).ToUnixTimeMilliseconds(),
            RejectReason = RejectReason,
            ReplacesOrderId = ReplacesOrderId,
            ReplacingOrderId = ReplacingOrderId,
            ComplexOrderId = dryRun ? null : ComplexOrderId,
            ComplexOrderTag = ComplexOrderTag,
            Source = Source,
            ExternalIdentifier = ExternalIdentifier,
            LegCount = Legs.Count,
            CancelledSize = Status is OrderStatuses.Cancelled or OrderStatuses.Expired ? RemainingUnits : null,
            Legs = [.. Legs.Select(l => l.ToModel())],
        };
    }
}

/// <summary>One leg: its instrument, action, quantity and cumulative fills.</summary>
internal sealed class EmulatedLeg
{
    public required EmulatorInstrument Instrument { get; init; }

    public required string Action { get; init; }

    public int Quantity { get; init; }

    /// <summary>Contracts per combo unit, signed (+ buys).</summary>
    public int Ratio { get; init; }

    public List<OrderFill> Fills { get; } = [];

    public int FilledQuantity => (int)Fills.Sum(f => f.Quantity);

    public bool IsBuy => OrderActions.IsBuy(Action);

    public bool IsClosing => Action is OrderActions.BuyToClose or OrderActions.SellToClose;

    public OrderLeg ToModel() => new()
    {
        InstrumentType = Instrument.InstrumentType,
        Symbol = Instrument.Symbol,
        Quantity = Quantity,
        RemainingQuantity = Quantity - FilledQuantity,
        Action = Action,
        Fills = [.. Fills],
    };
}

/// <summary>A complex order's grouping of its component orders.</summary>
internal sealed class EmulatedComplexOrder
{
    public long Id { get; init; }

    public required string AccountNumber { get; init; }

    public required string Type { get; init; }

    public string? ExternalIdentifier { get; init; }

    public EmulatedOrder? Trigger { get; init; }

    public required IReadOnlyList<EmulatedOrder> Orders { get; init; }

    public DateTime? TerminalAt { get; set; }

    public IEnumerable<EmulatedOrder> All => Trigger is null ? Orders : Orders.Prepend(Trigger);

    public bool IsTerminal => All.All(o => o.IsTerminal);

    /// <summary>The wire form; a dry run's has no ids (as Tastytrade answers a preflight).</summary>
    public ComplexOrder ToModel(bool dryRun = false) => new()
    {
        Id = dryRun ? null : Id,
        AccountNumber = AccountNumber,
        Type = Type,
        ExternalIdentifier = ExternalIdentifier,
        TerminalAt = TerminalAt is { } t ? EmulatorClock.ToUtc(t) : null,
        TriggerOrder = Trigger?.ToModel(dryRun),
        Orders = [.. Orders.Select(o => o.ToModel(dryRun))],
        RelatedOrders = [.. All.Select(o => new RelatedOrder
        {
            Id = dryRun ? null : o.Id,
            ComplexOrderId = dryRun ? null : Id,
            ComplexOrderTag = o.ComplexOrderTag,
            ReplacesOrderId = o.ReplacesOrderId,
            ReplacingOrderId = o.ReplacingOrderId,
            Status = o.Status,
        })],
    };
}
