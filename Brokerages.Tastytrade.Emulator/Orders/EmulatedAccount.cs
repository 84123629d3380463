using TomKing.Algorithm.Domain;
using TomKing.Brokerages.Tastytrade.Api.Models;
using TomKing.Brokerages.Tastytrade.Emulator.Market;

namespace TomKing.Brokerages.Tastytrade.Emulator.Orders;

/// <summary>One emulated account: cash, positions by symbol and the transaction log (guarded by the engine's lock).</summary>
internal sealed class EmulatedAccount(string accountNumber, decimal cash, DateTime openedAt)
{
    public string AccountNumber { get; } = accountNumber;

    public decimal Cash { get; set; } = cash;

    public DateTime OpenedAt { get; } = openedAt;

    public Dictionary<string, EmulatedPosition> Positions { get; } = new(StringComparer.Ordinal);

    public List<Transaction> Transactions { get; } = [];

    /// <summary>Books one leg execution: position, cash (premium or futures P&amp;L) and fees. Returns the position.</summary>
    public EmulatedPosition Book(EmulatorInstrument instrument, int signedQuantity, decimal price, decimal fees, DateTime at)
    {
        if (!Positions.TryGetValue(instrument.Symbol, out var p))
        {
            p = new EmulatedPosition(instrument, at);
            Positions.Add(instrument.Symbol, p);
        }

        int before = p.Quantity;
        int after = before + signedQuantity;
        bool isFuture = instrument.InstrumentType == InstrumentTypes.Future;
        if (before == 0 || Math.Sign(before) == Math.Sign(signedQuantity))
        {
            p.AverageOpenPrice = ((Math.Abs(before) * p.AverageOpenPrice) + (Math.Abs(signedQuantity) * price)) / Math.Abs(after);
        }
        else
        {
            int closed = Math.Min(Math.Abs(before), Math.Abs(signedQuantity));
            decimal realized = (price - p.AverageOpenPrice) * closed * instrument.Multiplier * Math.Sign(before);
            p.RealizedToday += realized;
            if (isFuture)
            {
                Cash += realized;
            }

            if (Math.Abs(signedQuantity) > Math.Abs(before))
            {
                p.AverageOpenPrice = price;
            }
        }

        if (!isFuture)
        {
            Cash -= signedQuantity * price * instrument.Multiplier;
        }

        Cash -= fees;
        p.Quantity = after;
        p.UpdatedAt = at;
        return p;
    }
}

/// <summary>A held instrument: signed quantity and average open price.</summary>
internal sealed class EmulatedPosition(EmulatorInstrument instrument, DateTime createdAt)
{
    public EmulatorInstrument Instrument { get; } = instrument;

    public int Quantity { get; set; }

    public decimal AverageOpenPrice { get; set; }

    public decimal RealizedToday { get; set; }

    public DateTime CreatedAt { get; } = createdAt;

    public DateTime UpdatedAt { get; set; } = createdAt;

    public long? LastOrderId { get; set; }

    /// <summary>The wire model, marked at <paramref name="mark"/> (NaN: unknown).</summary>
    public Position ToModel(string accountNumber, double mark, DateOnly today) => new()
    {
        AccountNumber = accountNumber,
        InstrumentType = Instrument.InstrumentType,
        Symbol = Instrument.Symbol,
        UnderlyingSymbol = Instrument.UnderlyingSymbol,
        StreamerSymbol = Instrument.StreamerSymbol,
        Quantity = Math.Abs(Quantity),
        QuantityDirection = Quantity > 0 ? "Long" : Quantity < 0 ? "Short" : "Zero",
        AverageOpenPrice = Math.Round(AverageOpenPrice, 6),
        ClosePrice = double.IsFinite(mark) ? Math.Round((decimal)mark, 6) : 0m,
        Mark = double.IsFinite(mark) ? Math.Round((decimal)mark * Math.Abs(Quantity) * Instrument.Multiplier, 2) : null,
        MarkPrice = double.IsFinite(mark) ? Math.Round((decimal)mark, 6) : null,
        CostEffect = Quantity >= 0 ? PriceEffects.Debit : PriceEffects.Credit,
        Multiplier = Instrument.Multiplier,
        RestrictedQuantity = 0m,
        RealizedDayGain = Math.Abs(Math.Round(RealizedToday, 2)),
        RealizedDayGainEffect = RealizedToday > 0m ? PriceEffects.Credit : RealizedToday < 0m ? PriceEffects.Debit : PriceEffects.None,
        RealizedDayGainDate = today,
        RealizedToday = Math.Abs(Math.Round(RealizedToday, 2)),
        RealizedTodayEffect = RealizedToday > 0m ? PriceEffects.Credit : RealizedToday < 0m ? PriceEffects.Debit : PriceEffects.None,
        RealizedTodayDate = today,
        ExpiresAt = Instrument.Expiration is { } e ? EmulatorClock.ToUtc(e.ToDateTime(new TimeOnly(16, 0))) : null,
        OrderId = LastOrderId,
        CreatedAt = EmulatorClock.ToUtc(CreatedAt),
        UpdatedAt = EmulatorClock.ToUtc(UpdatedAt),
    };

    /// <summary>The position as a signed leg of the strategy core, when it is an option.</summary>
    public bool TryGetLeg(out Leg leg)
    {
        leg = default;
        if (Quantity == 0 || !Instrument.TryGetContract(out var contract))
        {
            return false;
        }

        leg = new Leg(contract, Quantity);
        return true;
    }
}
