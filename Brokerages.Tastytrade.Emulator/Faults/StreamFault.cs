namespace TomKing.Brokerages.Tastytrade.Emulator.Faults;

/// <summary>What a streaming endpoint should do to its socket before sending the next message.</summary>
public enum StreamFault
{
    /// <summary>Send normally.</summary>
    None = 0,

    /// <summary>Abort the connection without a close frame (a dropped socket).</summary>
    Drop = 1,

    /// <summary>Keep the socket open but send nothing more, not even keepalives (a silently frozen socket).</summary>
    Freeze = 2,

    /// <summary>Close with status 1012 (service restart) and a reason.</summary>
    Close1012 = 3,
}
