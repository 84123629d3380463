using TomKing.Algorithm.Domain;
using TomKing.Algorithm.Intents;
using TomKing.Algorithm.Ports;
using TomKing.Greeks;

namespace TomKing.Engine.Journal;

// The JSON shapes of the domain values that cannot be (de)serialized as they are (private fields, value
// wrappers). Plain settable classes keep the source-generated serializer simple; JournalCodec maps them.

/// <summary>An option contract as stored.</summary>
internal class ContractWire
{
    public string Underlying { get; set; } = string.Empty;

    public string Root { get; set; } = string.Empty;

    public DateOnly Expiry { get; set; }

    public decimal Strike { get; set; }

    public OptionRight Right { get; set; }

    public ExerciseStyle Exercise { get; set; }

    public SettlementStyle Settlement { get; set; }

    public DeliveryKind Delivery { get; set; }

    public decimal Multiplier { get; set; }
}

/// <summary>A leg as stored: its contract's fields and the signed ratio.</summary>
internal sealed class LegWire : ContractWire
{
    public int Ratio { get; set; }
}

/// <summary>A combo order request as stored.</summary>
internal sealed class OrderWire
{
    public long ClientId { get; set; }

    public StrategyId Strategy { get; set; }

    public long Position { get; set; }

    public StructureKind Structure { get; set; }

    public List<LegWire> Legs { get; set; } = [];

    public int Quantity { get; set; }

    public decimal Limit { get; set; }

    public string Tag { get; set; } = string.Empty;
}

/// <summary><see cref="SubmittedOrder"/> as stored.</summary>
internal sealed class SubmittedWire
{
    public OrderWire Order { get; set; } = new();

    public IntentKind Intent { get; set; }

    public PricingPolicy Pricing { get; set; }

    public double Mid { get; set; }

    public double Natural { get; set; }

    public DateTime WindowEnd { get; set; }

    public DateTime? SubmittedAt { get; set; }
}

/// <summary><see cref="OrderUpdate"/> as stored.</summary>
internal sealed class UpdateWire
{
    public long Order { get; set; }

    public long ClientId { get; set; }

    public BrokerOrderStatus Status { get; set; }

    public DateTime Time { get; set; }

    public int Filled { get; set; }

    public decimal Limit { get; set; }

    public string? Message { get; set; }
}

/// <summary><see cref="LegFill"/> as stored.</summary>
internal sealed class FillWire
{
    public long Order { get; set; }

    public long ClientId { get; set; }

    public ContractWire Contract { get; set; } = new();

    public int Quantity { get; set; }

    public decimal Price { get; set; }

    public decimal Fee { get; set; }

    public DateTime Time { get; set; }

    public string ExecutionId { get; set; } = string.Empty;
}
