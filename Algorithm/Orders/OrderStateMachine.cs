namespace TomKing.Algorithm.Orders;

/// <summary>
/// The explicit transition table of a combo order: for each (state, event) either the next state or
/// "illegal". Illegal events are refused, never applied. Invariants the table encodes:
/// terminal states (filled, cancelled, rejected) stay terminal; <see cref="OrderState.Rejected"/> is
/// reached only through <see cref="OrderEventKind.Rejected"/> (a broker report), so an order in
/// <see cref="OrderState.UnknownInFlight"/> never becomes rejected by a timeout; a timeout, disconnect or
/// 5xx (<see cref="OrderEventKind.Unknown"/>) moves any in-flight order to unknown-in-flight.
/// </summary>
/// <remarks>
/// <para>Reading the table (rows: states; "=" stays, "·" illegal):</para>
/// <code>
///                  Submit    Accepted  PartFill  Fill    CancelReq  Cancelled Rejected  Refused   Unknown
/// New              Submitted ·         ·         ·       ·          ·         ·         ·         ·
/// Submitted        ·         Working   PartFill  Filled  CancelReq  Cancelled Rejected  ·         Unknown
/// Working          ·         =         PartFill  Filled  CancelReq  Cancelled Rejected  =         Unknown
/// PartiallyFilled  ·         =         =         Filled  CancelReq  Cancelled ·         =         Unknown
/// Filled           ·         ·         ·         =       ·          ·         ·         =         ·
/// CancelRequested  ·         =         =         Filled  =          Cancelled Rejected  Resume    Unknown
/// Cancelled        ·         ·         ·         ·       ·          =         ·         =         ·
/// Rejected         ·         ·         ·         ·       ·          ·         =         ·         ·
/// UnknownInFlight  ·         Resume    PartFill  Filled  CancelReq  Cancelled Rejected  =         =
/// </code>
/// <para>"Resume" is <see cref="OrderState.Working"/>, or <see cref="OrderState.PartiallyFilled"/> when units
/// have filled (<see cref="Resolve"/>): a refused cancel leaves the order working; a reconciled unknown order
/// that the venue reports working is working again. A partially filled order is not rejectable (the venue
/// cancels what remains); fills after cancel requested keep the cancel pending.</para>
/// </remarks>
public static class OrderStateMachine
{
    private const byte X = byte.MaxValue;

    private const byte Nw = (byte)OrderState.New;
    private const byte Sb = (byte)OrderState.Submitted;
    private const byte Wk = (byte)OrderState.Working;
    private const byte Pf = (byte)OrderState.PartiallyFilled;
    private const byte Fd = (byte)OrderState.Filled;
    private const byte Cr = (byte)OrderState.CancelRequested;
    private const byte Cx = (byte)OrderState.Cancelled;
    private const byte Rj = (byte)OrderState.Rejected;
    private const byte Uk = (byte)OrderState.UnknownInFlight;

    private const int Events = 9;

    // Rows in OrderState (enum) order, columns in OrderEventKind order (the remarks table, same order).
    private static ReadOnlySpan<byte> Table =>
    [
        /* New             */ Sb, X,  X,  X,  X,  X,  X,  X,  X,
        /* Submitted       */ X,  Wk, Pf, Fd, Cr, Cx, Rj, X,  Uk,
        /* Working         */ X,  Wk, Pf, Fd, Cr, Cx, Rj, Wk, Uk,
        /* PartiallyFilled */ X,  Pf, Pf, Fd, Cr, Cx, X,  Pf, Uk,
        /* Filled          */ X,  X,  X,  Fd, X,  X,  X,  Fd, X,
        /* CancelRequested */ X,  Cr, Cr, Fd, Cr, Cx, Rj, Wk, Uk,
        /* Cancelled       */ X,  X,  X,  X,  X,  Cx, X,  Cx, X,
        /* Rejected        */ X,  X,  X,  X,  X,  X,  Rj, X,  X,
        /* UnknownInFlight */ X,  Wk, Pf, Fd, Cr, Cx, Rj, Uk, Uk,
    ];

    /// <summary>The state the table gives for <paramref name="evt"/> in <paramref name="state"/>, before
    /// <see cref="Resolve"/>; false when the event is illegal there.</summary>
    public static bool TryNext(OrderState state, OrderEventKind evt, out OrderState next)
    {
        int i = ((int)state * Events) + (int)evt;
        if ((uint)state > (uint)OrderState.UnknownInFlight || (uint)evt >= Events || Table[i] == X)
        {
            next = state;
            return false;
        }

        next = (OrderState)Table[i];
        return true;
    }

    /// <summary>True when the table allows <paramref name="evt"/> in <paramref name="state"/>.</summary>
    public static bool IsLegal(OrderState state, OrderEventKind evt) => TryNext(state, evt, out _);

    /// <summary>Applies the fill count to a "working" outcome: an order with filled units is partially filled.</summary>
    public static OrderState Resolve(OrderState next, int filledUnits) =>
        next == OrderState.Working && filledUnits > 0 ? OrderState.PartiallyFilled : next;
}
