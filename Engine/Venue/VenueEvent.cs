using TomKing.Algorithm.Ports;

namespace TomKing.Engine.Venue;

/// <summary>What a <see cref="VenueEvent"/> carries.</summary>
public enum VenueEventKind : byte
{
    /// <summary>An order status report (<see cref="VenueEvent.Update"/>).</summary>
    Update = 0,

    /// <summary>A leg execution (<see cref="VenueEvent.Fill"/>).</summary>
    Fill = 1,
}

/// <summary>One piece of order news from the simulated venue, in the order the venue produced it. The
/// kernel delivers every event (never conflated) to the order pipeline and the portfolio before the next
/// market minute.</summary>
/// <param name="Kind">Update or fill.</param>
/// <param name="Sequence">The venue's event sequence number (ascending).</param>
/// <param name="Update">The status report when <see cref="Kind"/> is <see cref="VenueEventKind.Update"/>.</param>
/// <param name="Fill">The execution when <see cref="Kind"/> is <see cref="VenueEventKind.Fill"/>.</param>
public readonly record struct VenueEvent(VenueEventKind Kind, long Sequence, OrderUpdate Update, LegFill Fill);
