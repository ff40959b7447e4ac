using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// One entry of a mailbox: a message, the id that picks its handler (0 for info messages, which
/// are matched by type) and, for a call, the sink its reply goes to. A struct, stored inline in
/// the mailbox, so a plain send allocates nothing beyond the message itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Envelope
{
    internal Envelope(int id, object? message, MessageMetadata? metadata)
    {
        Id = id;
        Message = message;
        Metadata = metadata;
    }

    /// <summary>The message id; <see cref="InfoId"/> for info messages.</summary>
    public int Id { get; }

    /// <summary>The message record or info message.</summary>
    public object? Message { get; }

    /// <summary>Where a call's reply goes; null for casts and info messages.</summary>
    public ReplySink? Reply => Metadata as ReplySink;

    /// <summary>The message's deadline and cancellation (a call's reply sink), if any.</summary>
    internal MessageMetadata? Metadata { get; }

    /// <summary>The id of every info message: they are dispatched by type.</summary>
    public const int InfoId = 0;
}
