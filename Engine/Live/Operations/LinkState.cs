namespace TomKing.Engine.Live.Operations;

/// <summary>Where one connection of the live runner stands, as operators see it.</summary>
public enum LinkState : byte
{
    /// <summary>No connection and none being attempted right now.</summary>
    Disconnected = 0,

    /// <summary>A connection (or reconnection) attempt is under way.</summary>
    Connecting = 1,

    /// <summary>Connected and data is flowing.</summary>
    Connected = 2,

    /// <summary>Connected, but nothing has arrived for longer than the link's heartbeat allows.</summary>
    Stale = 3,
}
