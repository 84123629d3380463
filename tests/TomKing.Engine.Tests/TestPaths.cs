using TomKing.Testing;

namespace TomKing.Engine.Tests;

/// <summary>Paths this test project reads: the repository and shared data (see
/// <see cref="RepositoryPaths"/>) and its own TestData folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepositoryPaths.RepoRoot;

    /// <summary>../shared/data/lean relative to the repository root (may not exist).</summary>
    public static string LeanData => RepositoryPaths.LeanData;

    /// <summary>The shared LEAN data, or an explained skip when it is absent.</summary>
    public static string RequireLeanData() => RepositoryPaths.RequireLeanData();

    /// <summary>A file under this test project's TestData folder (copied to the output directory).</summary>
    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}
