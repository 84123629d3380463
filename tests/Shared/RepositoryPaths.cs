using NUnit.Framework;

namespace TomKing.Testing;

/// <summary>
/// The repository root (the folder holding TomKing.sln) and the shared LEAN data beside it
/// (../shared/data/lean), found from the test assembly's location so no test names a machine path.
/// Linked into every test project (one copy of the logic).
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding TomKing.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>../shared/data/lean relative to the repository root (may not exist).</summary>
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
