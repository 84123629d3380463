namespace TomKing.Engine.Data.Lean;

/// <summary>
/// Where a LEAN file should be and where it actually is. Some published data sets carry a doubled
/// extension (<c>20210104_trade_european.zip.zip</c>); such a file is found and flagged rather than
/// reported missing.
/// </summary>
/// <param name="ExpectedPath">The path LEAN's naming rules give.</param>
/// <param name="ExistingPath">The file that exists: the expected path or the doubled-extension
/// variant; null when neither exists.</param>
public readonly record struct LeanFileLocation(string ExpectedPath, string? ExistingPath)
{
    /// <summary>Whether a file was found.</summary>
    public bool Exists => ExistingPath is not null;

    /// <summary>Whether the file found is the doubled-extension (<c>.zip.zip</c>) variant.</summary>
    public bool HasDoubledExtension => ExistingPath is not null && !string.Equals(ExistingPath, ExpectedPath, StringComparison.Ordinal);

    /// <summary>The path to name in messages: the existing file, else the expected one.</summary>
    public string DisplayPath => ExistingPath ?? ExpectedPath;
}
