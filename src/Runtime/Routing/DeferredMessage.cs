using System.Buffers;
using Typed.CompilerServices;

namespace Typed.Routing;

/// <summary>
/// A large message from another node, still in the bytes it was reassembled in: the process it is for
/// decodes it when it takes it from its mailbox, so the connection's read loop hands it on at once and
/// the frames behind it are not held up while a large value is built.
/// </summary>
/// <remarks>
/// Design note. The mailbox keeps the order the frames arrived in, so deferring changes no order. A
/// payload that does not decode is refused as at the connection: the message is dropped and the
/// connection to its sender closes (a protocol error), so links and monitors fire and the caller learns.
/// </remarks>
internal sealed class DeferredMessage(Router router, MessageCodec codec, ReadOnlySequence<byte> payload, IDisposable buffers, string peer, int id)
{
    /// <summary>Payloads longer than this are decoded by their process (those that came in fragments).</summary>
    public const int Threshold = Distribution.Protocol.Fragments.Size;

    /// <summary>Replaces the envelope's message with the decoded one; false when it does not decode (it is dropped).</summary>
    public bool TryDecode(ref Envelope envelope)
    {
        try
        {
            var message = router.Decode(codec, payload, id) ?? throw new Distribution.Protocol.ProtocolException($"an empty message {id}");
            envelope = new Envelope(envelope.Id, message, envelope.Metadata);
            return true;
        }
        catch (Distribution.Protocol.ProtocolException ex)
        {
            router.Refused(peer, ex.Message);
            return false;
        }
        finally
        {
            buffers.Dispose();
        }
    }
}
