namespace Typed.Distribution.Protocol;

/// <summary>
/// Capability flags exchanged in the handshake. A connection uses a capability only when both ends
/// announce it; unknown bits are ignored, so a newer peer can add some.
/// </summary>
[Flags]
internal enum Capabilities : ulong
{
    None = 0,

    /// <summary>The node is hidden (Erlang's <c>-hidden</c>): not in its peers' <c>Nodes</c>, never meshed.</summary>
    Hidden = 1,

    /// <summary>Requests may carry a metadata header section (deadline, cancellation, ...).</summary>
    Headers = 2,

    /// <summary>What this version of Typed understands.</summary>
    Known = Hidden | Headers,
}
