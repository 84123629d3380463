using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Journal;

/// <summary>
/// Encodes the journal's payloads as compact JSON (source-generated System.Text.Json) and decodes them
/// back to the same values: orders with their full structure and contracts, order updates, leg fills and
/// the journal's own small records. Money stays <see cref="decimal"/> (1.05 is stored as 1.05, not as a
/// binary double); enums are stored by name.
/// </summary>
/// <remarks>Decoding throws <see cref="JournalException"/> for a payload that is not valid JSON of the
/// expected shape or describes an invalid structure, so a damaged entry is never replayed as a default.</remarks>
public static class JournalCodec
{
    private static JournalJsonContext Context => JournalJsonContext.Default;

    /// <summary>Encodes a submitted order.</summary>
    public static string Encode(in SubmittedOrder value) => JsonSerializer.Serialize(new SubmittedWire
    {
        Order = ToWire(value.Request),
        Intent = value.Intent,
        Pricing = value.Pricing,
        Mid = value.Mid,
        Natural = value.Natural,
        WindowEnd = value.WindowEnd,
        SubmittedAt = value.SubmittedAt,
    }, Context.SubmittedWire);

    /// <summary>Decodes a <see cref="JournalEntryKind.OrderSubmitted"/> payload.</summary>
    /// <exception cref="JournalException">Not a valid submitted order.</exception>
    public static SubmittedOrder DecodeSubmittedOrder(string payload)
    {
        var wire = Parse(payload, Context.SubmittedWire, "submitted order");
        return Build("submitted order", () => new SubmittedOrder(FromWire(wire.Order), wire.Intent, wire.Pricing, wire.Mid, wire.Natural, wire.WindowEnd, wire.SubmittedAt));
    }

    /// <summary>Encodes an order status report.</summary>
    public static string Encode(in OrderUpdate value) => JsonSerializer.Serialize(new UpdateWire
    {
        Order = value.Order.Value,
        ClientId = value.ClientId.Value,
        Status = value.Status,
        Time = value.Time,
        Filled = value.FilledQuantity,
        Limit = value.LimitPrice,
        Message = value.Message,
    }, Context.UpdateWire);

    /// <summary>Decodes a <see cref="JournalEntryKind.OrderUpdate"/> payload.</summary>
    /// <exception cref="JournalException">Not a valid order update.</exception>
    public static OrderUpdate DecodeOrderUpdate(string payload)
    {
        var w = Parse(payload, Context.UpdateWire, "order update");
        return new OrderUpdate(new OrderId(w.Order), new ClientOrderId(w.ClientId), w.Status, w.Time, w.Filled, w.Limit, w.Message);
    }

    /// <summary>Encodes one leg execution.</summary>
    public static string Encode(in LegFill value)
    {
        var contract = new ContractWire();
        Fill(contract, value.Contract);
        return JsonSerializer.Serialize(new FillWire
        {
            Order = value.Order.Value,
            ClientId = value.ClientId.Value,
            Contract = contract,
            Quantity = value.Quantity,
            Price = value.Price,
            Fee = value.Fee,
            Time = value.Time,
            ExecutionId = value.ExecutionId ?? string.Empty,
        }, Context.FillWire);
    }

    /// <summary>Decodes a <see cref="JournalEntryKind.Fill"/> payload.</summary>
    /// <exception cref="JournalException">Not a valid fill.</exception>
    public static LegFill DecodeFill(string payload)
    {
        var w = Parse(payload, Context.FillWire, "fill");
        return Build("fill", () => new LegFill(new OrderId(w.Order), new ClientOrderId(w.ClientId), FromWire(w.Contract), w.Quantity, w.Price, w.Fee, w.Time, w.ExecutionId));
    }

    /// <summary>Encodes a session start.</summary>
    public static string Encode(in SessionStartRecord value) => JsonSerializer.Serialize(value, Context.SessionStartRecord);

    /// <summary>Decodes a <see cref="JournalEntryKind.SessionStart"/> payload.</summary>
    public static SessionStartRecord DecodeSessionStart(string payload) => Parse(payload, Context.SessionStartRecord, "session start");

    /// <summary>Encodes an acknowledgement.</summary>
    public static string Encode(in Acknowledgement value) => JsonSerializer.Serialize(value, Context.Acknowledgement);

    /// <summary>Decodes a <see cref="JournalEntryKind.OrderAcknowledged"/> payload.</summary>
    public static Acknowledgement DecodeAcknowledgement(string payload) => Parse(payload, Context.Acknowledgement, "acknowledgement");

    /// <summary>Encodes a cancel request.</summary>
    public static string Encode(in CancelRequest value) => JsonSerializer.Serialize(value, Context.CancelRequest);

    /// <summary>Decodes a <see cref="JournalEntryKind.CancelRequested"/> payload.</summary>
    public static CancelRequest DecodeCancelRequest(string payload) => Parse(payload, Context.CancelRequest, "cancel request");

    /// <summary>Encodes a replace request.</summary>
    public static string Encode(in ReplaceRequest value) => JsonSerializer.Serialize(value, Context.ReplaceRequest);

    /// <summary>Decodes a <see cref="JournalEntryKind.ReplaceRequested"/> payload.</summary>
    public static ReplaceRequest DecodeReplaceRequest(string payload) => Parse(payload, Context.ReplaceRequest, "replace request");

    /// <summary>Encodes a strategy's state.</summary>
    public static string Encode(in StrategyStateRecord value) => JsonSerializer.Serialize(value, Context.StrategyStateRecord);

    /// <summary>Decodes a <see cref="JournalEntryKind.StrategyState"/> payload.</summary>
    public static StrategyStateRecord DecodeStrategyState(string payload) => Parse(payload, Context.StrategyStateRecord, "strategy state");

    /// <summary>Encodes reference points.</summary>
    public static string Encode(in ReferencePointsRecord value) => JsonSerializer.Serialize(value, Context.ReferencePointsRecord);

    /// <summary>Decodes a <see cref="JournalEntryKind.ReferencePoints"/> payload.</summary>
    public static ReferencePointsRecord DecodeReferencePoints(string payload) => Parse(payload, Context.ReferencePointsRecord, "reference points");

    /// <summary>Encodes a reconciliation record.</summary>
    public static string Encode(in ReconciliationRecord value) => JsonSerializer.Serialize(value, Context.ReconciliationRecord);

    /// <summary>Decodes a <see cref="JournalEntryKind.Reconciliation"/> payload.</summary>
    public static ReconciliationRecord DecodeReconciliation(string payload) => Parse(payload, Context.ReconciliationRecord, "reconciliation");

    /// <summary>Encodes an alert.</summary>
    public static string Encode(in AlertRecord value) => JsonSerializer.Serialize(value, Context.AlertRecord);

    /// <summary>Decodes a <see cref="JournalEntryKind.Alert"/> payload.</summary>
    public static AlertRecord DecodeAlert(string payload) => Parse(payload, Context.AlertRecord, "alert");

    /// <summary>Encodes a decision summary.</summary>
    public static string Encode(in DecisionSummary value) => JsonSerializer.Serialize(value, Context.DecisionSummary);

    /// <summary>Decodes a <see cref="JournalEntryKind.Decision"/> payload.</summary>
    public static DecisionSummary DecodeDecision(string payload) => Parse(payload, Context.DecisionSummary, "decision");

    /// <summary>The journal entry for an order about to be sent (client order id set from the request).</summary>
    public static JournalEntry Submitted(DateTime timeUtc, in SubmittedOrder order) =>
        JournalEntry.Create(JournalEntryKind.OrderSubmitted, timeUtc, Encode(order), order.Request.ClientId.Value);

    /// <summary>The journal entry for a broker acknowledgement of an order.</summary>
    public static JournalEntry Acknowledged(DateTime timeUtc, ClientOrderId clientId, OrderId orderId, in Acknowledgement acknowledgement) =>
        JournalEntry.Create(JournalEntryKind.OrderAcknowledged, timeUtc, Encode(acknowledgement), clientId.Value, orderId.Value);

    /// <summary>The journal entry for an order status report.</summary>
    public static JournalEntry Updated(DateTime timeUtc, in OrderUpdate update) =>
        JournalEntry.Create(JournalEntryKind.OrderUpdate, timeUtc, Encode(update), update.ClientId.Value, update.Order.Value);

    /// <summary>The journal entry for a leg execution.</summary>
    public static JournalEntry Filled(DateTime timeUtc, in LegFill fill) =>
        JournalEntry.Create(JournalEntryKind.Fill, timeUtc, Encode(fill), fill.ClientId.Value, fill.Order.Value);

    private static OrderWire ToWire(in ComboOrderRequest request)
    {
        var wire = new OrderWire
        {
            ClientId = request.ClientId.Value,
            Strategy = request.Strategy,
            Position = request.Position.Value,
            Structure = request.Structure.Kind,
            Quantity = request.Quantity,
            Limit = request.LimitPrice,
            Tag = request.Tag ?? string.Empty,
        };
        for (int i = 0; i < request.Structure.Count; i++)
        {
            Leg leg = request.Structure[i];
            var legWire = new LegWire { Ratio = leg.Ratio };
            Fill(legWire, leg.Contract);
            wire.Legs.Add(legWire);
        }

        return wire;
    }

    private static ComboOrderRequest FromWire(OrderWire wire)
    {
        if (wire.Legs is null)
        {
            throw new FormatException("the order has no legs");
        }

        var legs = new Leg[OptionStructure.MaxLegs];
        if (wire.Legs.Count > legs.Length)
        {
            throw new FormatException($"{wire.Legs.Count} legs (at most {OptionStructure.MaxLegs})");
        }

        for (int i = 0; i < wire.Legs.Count; i++)
        {
            legs[i] = new Leg(FromWire(wire.Legs[i]), wire.Legs[i].Ratio);
        }

        if (!OptionStructure.TryCreate(wire.Structure, legs.AsSpan(0, wire.Legs.Count), out var structure, out string? reason))
        {
            throw new FormatException($"not a valid {wire.Structure}: {reason}");
        }

        return new ComboOrderRequest(new ClientOrderId(wire.ClientId), wire.Strategy, new PositionId(wire.Position), structure, wire.Quantity, wire.Limit, wire.Tag);
    }

    private static void Fill(ContractWire wire, in OptionContract contract)
    {
        wire.Underlying = contract.Underlying.Symbol;
        wire.Root = contract.Root.Symbol;
        wire.Expiry = contract.Expiry;
        wire.Strike = contract.Strike;
        wire.Right = contract.Right;
        wire.Exercise = contract.Exercise;
        wire.Settlement = contract.Settlement.Style;
        wire.Delivery = contract.Settlement.Delivery;
        wire.Multiplier = contract.Multiplier;
    }

    private static OptionContract FromWire(ContractWire wire) =>
        wire is null
            ? throw new FormatException("a contract is missing")
            : new OptionContract(
                new Ticker(wire.Underlying),
                new Ticker(wire.Root),
                wire.Expiry,
                wire.Strike,
                wire.Right,
                wire.Exercise,
                new OptionSettlement(wire.Settlement, wire.Delivery),
                wire.Multiplier);

    private static T Parse<T>(string payload, JsonTypeInfo<T> typeInfo, string what)
    {
        if (string.IsNullOrEmpty(payload))
        {
            throw new JournalException($"journal payload is empty where a {what} was expected.");
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(payload, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new JournalException($"journal payload is not a valid {what}: {ex.Message}", ex);
        }

        return value is null ? throw new JournalException($"journal payload is not a valid {what}: null.") : value;
    }

    private static T Build<T>(string what, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new JournalException($"journal payload is not a valid {what}: {ex.Message}", ex);
        }
    }
}
