namespace TomKing.Brokerages.Tastytrade;

/// <summary>The Tastytrade client: OAuth, REST, account streamer, DXLink, symbology, rate limits, and
/// adapters to the strategy core's ports. This type only anchors the assembly.</summary>
public static class TastytradeAssembly
{
    /// <summary>The API version the client pins in the Accept-Version header.</summary>
    public const string ApiVersion = "20251101";
}
