namespace Typed;

/// <summary>
/// A message for another node came out larger than <see cref="DistributionOptions.MaxFrameSize"/> (this
/// node's, or the smaller one its peer announced):
/// it was not delivered (the request was not applied) and the connection goes on.
/// </summary>
public sealed class MessageTooLargeException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="size">The message's frame size in bytes, or how far it had got when serialization stopped at the cap.</param>
    /// <param name="limit">The largest frame both nodes accept.</param>
    public MessageTooLargeException(long size, long limit)
        : base($"A message of {size} bytes is over the cap of {limit} bytes (DistributionOptions.MaxFrameSize); it was not sent")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>The message's frame size in bytes (a message far over the cap is stopped early: then at least this).</summary>
    public long Size { get; }

    /// <summary>The largest frame both nodes accept (the smaller of their <c>MaxFrameSize</c>s).</summary>
    public long Limit { get; }
}
