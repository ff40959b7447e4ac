using System.ComponentModel;

namespace Typed.CompilerServices;

/// <summary>
/// One message a behaviour accepts, as the generator describes it: its stable id, its kind, the
/// handler's name and the codecs that put the message (and a call's reply) on the wire.
/// </summary>
/// <param name="Id">The message id, unique within the behaviour (info messages: unique by type).</param>
/// <param name="Kind">Call, cast, info or start.</param>
/// <param name="Handler">The handler method's name, for logs and tools.</param>
/// <param name="Message">The codec of the message record (or of the info message type).</param>
/// <param name="Reply">For a call, the codec of its reply value; otherwise null.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record MessageSpec(int Id, MessageKind Kind, string Handler, MessageCodec Message, MessageCodec? Reply);
