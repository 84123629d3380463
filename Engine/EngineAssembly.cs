namespace TomKing.Engine;

/// <summary>The embedded runtime: data sources (LEAN-format reader, synthetic market), replay kernel,
/// simulated venue, results. This type only anchors the assembly for reflection and docs.</summary>
public static class EngineAssembly
{
    /// <summary>The assembly's name.</summary>
    public const string Name = "TomKing.Engine";
}
