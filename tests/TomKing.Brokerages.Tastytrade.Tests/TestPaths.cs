namespace TomKing.Brokerages.Tastytrade.Tests;

/// <summary>Locates the repository root (the folder holding TomKing.sln) and the shared LEAN data
/// beside it, so tests never name a machine path.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>../shared/data/lean relative to the repository root.</summary>
    public static string LeanData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "lean"));

    /// <summary>The shared LEAN data folder, or an explained skip (Assert.Ignore) when it is not beside
    /// the repository — a missing data set is a stated skip, never an I/O exception.</summary>
    public static string RequireLeanData()
    {
        string path = LeanData;
        if (!Directory.Exists(path))
        {
            Assert.Ignore($"The shared LEAN data is not at {path} (expected ../shared/data/lean beside the repository).");
        }

        return path;
    }

    /// <summary>A file under this test project's TestData folder (copied to the output directory).</summary>
    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

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
