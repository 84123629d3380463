namespace TomKing.Algorithm.Rulebook;

/// <summary>One problem with a rulebook setting: which setting (its JSON path, e.g. "f0.shortDelta")
/// and a message that states the value, the allowed range and the rule it protects.</summary>
/// <param name="Path">Dotted JSON path of the setting.</param>
/// <param name="Message">"f0.shortDelta = 0.4: must be in (0, 0.25] (F0-3 never above 0.25)".</param>
public sealed record SettingError(string Path, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
