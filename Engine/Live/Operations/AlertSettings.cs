namespace TomKing.Engine.Live.Operations;

/// <summary>Thresholds and de-bouncing of <see cref="AlertRules"/>.</summary>
public sealed record AlertSettings
{
    /// <summary>A link down (disconnected or connecting) longer than this raises one alert (30 s by default).</summary>
    public TimeSpan LinkDownAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Drawdown levels as fractions of the high-water mark (5 %, 10 %, 15 % by default).</summary>
    public IReadOnlyList<double> DrawdownLevels { get; init; } = [0.05, 0.10, 0.15];

    /// <summary>A fired drawdown level fires again only after the drawdown has come back below the level
    /// by this much (1 percentage point by default), so hovering at a level does not repeat it.</summary>
    public double DrawdownRearmMargin { get; init; } = 0.01;

    /// <summary>At most one order-rejected alert per this period; rejections in between are summed into the
    /// next one (30 s by default; zero: one alert per evaluation that saw new rejections).</summary>
    public TimeSpan RejectQuietPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one regime-change alert per this period; a regime that flips and flips back within
    /// it raises nothing (60 s by default).</summary>
    public TimeSpan RegimeQuietPeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The defaults.</summary>
    public static AlertSettings Default { get; } = new();
}
