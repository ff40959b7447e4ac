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
/// A payload of <see cref="OwnThreadThreshold"/> or more is decoded on a thread of its own while the
/// process waits: building a value of tens of MiB takes tens to hundreds of milliseconds (new memory
/// is touched), and on a pool thread that starved the pool of a small machine (two threads on two
/// cores), so every other process of the node, small calls included, waited for it.
/// </remarks>
internal sealed class DeferredMessage(Router router, MessageCodec codec, ReadOnlySequence<byte> payload, IDisposable buffers, string peer, int id)
{
    /// <summary>Payloads longer than this are decoded by their process (those that came in fragments).</summary>
    public const int Threshold = Distribution.Protocol.Fragments.Size;

    /// <summary>Payloads this long or longer are decoded on a thread of their own, not a pool thread.</summary>
    public const int OwnThreadThreshold = 1 << 20;

    /// <summary>True when the payload is decoded on a thread of its own (<see cref="DecodeOnOwnThread"/>).</summary>
    public bool Large => payload.Length >= OwnThreadThreshold;

    /// <summary>Replaces the envelope's message with the decoded one; false when it does not decode (it is dropped).</summary>
    public bool TryDecode(ref Envelope envelope)
    {
        try
        {
            var message = router.Decode(codec, payload, id) ?? throw new Distribution.Protocol.ProtocolException($"an empty message {id}");
            envelope = new Envelope(envelope.Id, message, envelope.Metadata);
            return true;
        }
        catch (Exception ex)
        {
            // Not only ProtocolException: a value too large to build here (OutOfMemoryException) is refused too.
            router.Refused(peer, ex is Distribution.Protocol.ProtocolException ? ex.Message : $"message {id} could not be decoded: {ex.Message}");
            return false;
        }
        finally
        {
            buffers.Dispose();
        }
    }

    /// <summary>Decodes on a thread of its own: the task's result is the envelope with the decoded message, or null when it did not decode.</summary>
    public Task<Envelope?> DecodeOnOwnThread(Envelope envelope) =>
        OnOwnThread(() => TryDecode(ref envelope) ? envelope : (Envelope?)null);

    /// <summary>
    /// Runs the decoding of a large value (a message's or a reply's) on a thread of its own, not a pool
    /// thread: the one place that decides how large decodes are kept off the pool. In a simulation,
    /// where everything runs on the simulation's one thread, it decodes in place.
    /// </summary>
    public static Task<T> OnOwnThread<T>(Func<T> decode) =>
        SimulationContext.Ambient is not null
            ? Task.FromResult(decode())
            : Task.Factory.StartNew(decode, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
