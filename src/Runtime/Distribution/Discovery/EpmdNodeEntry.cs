namespace Typed.Distribution.Discovery;

/// <summary>
/// What a port mapper knows of one node: the body of ALIVE2_REQ after its tag, and of a successful
/// PORT2_RESP after its tag and result byte (the two share one layout).
/// </summary>
/// <param name="Name">The node's short name (the part before <c>@</c>).</param>
/// <param name="Port">The port the node accepts distribution connections on.</param>
/// <param name="NodeType"><see cref="EpmdProtocol.NormalNode"/> or <see cref="EpmdProtocol.HiddenNode"/>.</param>
/// <param name="Protocol">The carrier; <see cref="EpmdProtocol.TcpIpV4"/> for TCP.</param>
/// <param name="HighestVersion">The highest distribution version the node speaks.</param>
/// <param name="LowestVersion">The lowest distribution version the node speaks.</param>
/// <param name="Extra">Opaque bytes the node registered with, returned as they were.</param>
internal readonly record struct EpmdNodeEntry(
    string Name,
    int Port,
    byte NodeType,
    byte Protocol,
    ushort HighestVersion,
    ushort LowestVersion,
    byte[] Extra)
{
    /// <summary>Whether the node registered as hidden.</summary>
    public bool IsHidden => NodeType == EpmdProtocol.HiddenNode;

    /// <summary>The entry Typed registers for itself: TCP, versions 5 to 6, no extra bytes.</summary>
    public static EpmdNodeEntry ForTyped(string name, int port, bool hidden) => new(
        name,
        port,
        hidden ? EpmdProtocol.HiddenNode : EpmdProtocol.NormalNode,
        EpmdProtocol.TcpIpV4,
        EpmdProtocol.HighestVersion,
        EpmdProtocol.LowestVersion,
        []);
}
