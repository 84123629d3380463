namespace TomKing.Algorithm.Tests.Risk;

/// <summary>Locates the repository root (the folder holding TomKing.sln) and the shared LEAN data beside
/// it, so tests never name a machine path.</summary>
internal static class RiskTestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>../shared/data/lean relative to the repository root.</summary>
    public static string LeanData => Path.GetFullPath(Path.Combine(Root.Value, "..", "shared", "data", "lean"));

    public static string Margins(string market, string root) => Path.Combine(LeanData, "future", market, "margins", root + ".csv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TomKing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("TomKing.sln not found above " + AppContext.BaseDirectory);
    }
}
