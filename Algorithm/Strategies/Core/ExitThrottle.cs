using TomKing.Algorithm.Domain;

namespace TomKing.Algorithm.Strategies.Core;

/// <summary>
/// Stops a strategy from re-issuing the same exit or adjustment for the same position on every event
/// while the first order is still working: an action may be issued again only after a cool-down (longer
/// than the P-10 repricing ladder), so an order that was cancelled unfilled is retried. Fixed capacity,
/// allocation-free; the oldest entry is overwritten when full.
/// </summary>
internal sealed class ExitThrottle
{
    private readonly long[] _position;
    private readonly byte[] _action;
    private readonly DateTime[] _issuedAt;
    private readonly TimeSpan _coolDown;
    private int _count;
    private int _next;

    public ExitThrottle(TimeSpan coolDown, int capacity = 64)
    {
        _coolDown = coolDown;
        _position = new long[capacity];
        _action = new byte[capacity];
        _issuedAt = new DateTime[capacity];
    }

    /// <summary>The default cool-down: five minutes (the P-10 ladder takes three).</summary>
    public static TimeSpan DefaultCoolDown => TimeSpan.FromMinutes(5);

    /// <summary>True (and remembered) when <paramref name="action"/> on <paramref name="position"/> may be issued now.</summary>
    public bool TryIssue(PositionId position, byte action, DateTime now)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_position[i] == position.Value && _action[i] == action)
            {
                if (now >= _issuedAt[i] && now - _issuedAt[i] < _coolDown)
                {
                    return false;
                }

                _issuedAt[i] = now;
                return true;
            }
        }

        int slot;
        if (_count < _position.Length)
        {
            slot = _count++;
        }
        else
        {
            slot = _next;
            _next = (_next + 1) % _position.Length;
        }

        _position[slot] = position.Value;
        _action[slot] = action;
        _issuedAt[slot] = now;
        return true;
    }
}
