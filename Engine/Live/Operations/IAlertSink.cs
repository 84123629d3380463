namespace TomKing.Engine.Live.Operations;

/// <summary>Where alerts go. <see cref="Publish"/> must return at once (queue the alert and deliver it in
/// the background), because it is called from the alert rules' thread.</summary>
public interface IAlertSink
{
    /// <summary>Queues <paramref name="alert"/> for delivery; false when the queue is full and it was dropped.</summary>
    bool Publish(Alert alert);
}
