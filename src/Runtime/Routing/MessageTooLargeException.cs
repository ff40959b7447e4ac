namespace Typed;

/// <summary>
/// A message for another node came out larger than <see cref="DistributionOptions.MaxFrameSize"/>:
/// it was not delivered (the request was not applied) and the connection goes on.
/// </summary>
public sealed class MessageTooLargeException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="size">The message's frame size in bytes.</param>
    /// <param name="limit">The largest frame a node accepts.</param>
    public MessageTooLargeException(long size, long limit)
        : base($"A message of {size} bytes is over the cap of {limit} bytes (DistributionOptions.MaxFrameSize); it was not sent")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>The message's frame size in bytes.</summary>
    public long Size { get; }

    /// <summary>The largest frame a node accepts.</summary>
    public long Limit { get; }
}
