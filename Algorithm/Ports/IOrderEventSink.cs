namespace TomKing.Algorithm.Ports;

/// <summary>Where hosts deliver order news. Implemented by the order pipeline (status) and the portfolio
/// (fills); the kernel calls it on its one thread, in event order, never conflated.</summary>
public interface IOrderEventSink
{
    /// <summary>A status report.</summary>
    void OnOrderUpdate(in OrderUpdate update);

    /// <summary>A leg execution.</summary>
    void OnFill(in LegFill fill);
}
