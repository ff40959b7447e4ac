namespace Typed.Distribution.Protocol.Handshake;

/// <summary>The handshake failed; the message says why, for the logs on both sides.</summary>
internal class HandshakeException(string message) : Exception(message);

/// <summary>The acceptor verified the dialler and answered with a status other than ok.</summary>
internal sealed class HandshakeRefusedException(HandshakeStatus status, string peer)
    : HandshakeException(status switch
    {
        HandshakeStatus.Nok => "simultaneous connect: the other connection wins",
        HandshakeStatus.Alive => "already connected",
        _ => "not allowed",
    } + " (" + peer + ")")
{
    public HandshakeStatus Status { get; } = status;
}
