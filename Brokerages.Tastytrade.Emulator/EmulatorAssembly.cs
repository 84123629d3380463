namespace TomKing.Brokerages.Tastytrade.Emulator;

/// <summary>A local Tastytrade-compatible server (REST + account streamer + DXLink) with fault
/// injection, for tests and offline paper trading. This type only anchors the assembly.</summary>
public static class EmulatorAssembly
{
    /// <summary>The assembly's name.</summary>
    public const string Name = "TomKing.Brokerages.Tastytrade.Emulator";
}
