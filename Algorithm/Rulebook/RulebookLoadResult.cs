namespace TomKing.Algorithm.Rulebook;

/// <summary>The outcome of loading a rulebook file: the settings, or messages that say which file, where
/// in it, which setting and what is wrong — never an exception for a bad file.</summary>
/// <param name="Settings">The settings when <see cref="Succeeded"/>; otherwise null.</param>
/// <param name="Errors">What is wrong (empty on success).</param>
public sealed record RulebookLoadResult(RulebookSettings? Settings, IReadOnlyList<string> Errors)
{
    /// <summary>True when the file was read, parsed and validated.</summary>
    public bool Succeeded => Settings is not null && Errors.Count == 0;
}
