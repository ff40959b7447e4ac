namespace Typed.Distribution.Protocol;

/// <summary>
/// The pooled buffers a frame reassembled from fragments lives in while it is handled. Whoever keeps
/// its payload past the handling takes them (<see cref="Keep"/>) and gives them back by disposing.
/// </summary>
internal interface IFrameLease
{
    /// <summary>Takes the current frame's buffers; null when the frame did not come in fragments (its bytes are the connection's).</summary>
    IDisposable? Keep();
}
