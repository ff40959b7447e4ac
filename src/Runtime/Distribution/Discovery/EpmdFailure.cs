namespace Typed.Distribution.Discovery;

/// <summary>Why a port mapper request failed.</summary>
internal enum EpmdFailure
{
    /// <summary>Nothing accepted a connection on the mapper's address and port (refused, or no answer in time).</summary>
    Unreachable,

    /// <summary>The mapper accepted the connection but did not answer in time.</summary>
    Timeout,

    /// <summary>The mapper refused the registration: the name is already registered.</summary>
    NameTaken,

    /// <summary>The mapper answered with bytes that are not the EPMD protocol, or closed the connection early.</summary>
    BadResponse,
}
