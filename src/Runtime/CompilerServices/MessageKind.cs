namespace Typed.CompilerServices;

/// <summary>How a message reaches its handler.</summary>
public enum MessageKind
{
    /// <summary>A <c>[Call]</c>: the sender waits for a reply.</summary>
    Call = 0,

    /// <summary>A <c>[Cast]</c>: nothing is sent back.</summary>
    Cast = 1,

    /// <summary>An <c>[Info]</c> message: a plain send of a user message type.</summary>
    Info = 2,

    /// <summary>The start arguments of the <c>[Init]</c> hook.</summary>
    Start = 3,
}
