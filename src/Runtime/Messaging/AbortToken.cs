namespace Typed.Messaging;

/// <summary>
/// The token a callee's handler gets for one call: its source is made on first use, and it is
/// cancelled once the caller gives up, whichever of the two comes first. Kept as a field (a mutable
/// struct: call it through the field, never a copy) by a call's sink on either side of a connection.
/// </summary>
internal struct AbortToken
{
    CancellationTokenSource? _source;
    int _abandoned;

    public CancellationToken Token
    {
        get
        {
            var source = Volatile.Read(ref _source);
            if (source is null)
            {
                var created = new CancellationTokenSource();
                source = Interlocked.CompareExchange(ref _source, created, null) ?? created;
            }

            // Abandoned before the source existed: the token is born cancelled.
            if (Volatile.Read(ref _abandoned) != 0)
            {
                source.Cancel();
            }

            return source.Token;
        }
    }

    /// <summary>The caller gave up: cancels the token, now or when it is made.</summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _abandoned, 1);
        Volatile.Read(ref _source)?.Cancel();
    }
}
