using TomKing.Testing;

namespace TomKing.Algorithm.Tests.Risk;

/// <summary>The real LEAN margins files the margin tests read (skipped with a reason when the shared
/// data is not beside the repository).</summary>
internal static class RiskTestPaths
{
    /// <summary>../shared/data/lean, or an explained skip.</summary>
    public static string LeanData => RepositoryPaths.RequireLeanData();

    public static string Margins(string market, string root) => Path.Combine(LeanData, "future", market, "margins", root + ".csv");
}
