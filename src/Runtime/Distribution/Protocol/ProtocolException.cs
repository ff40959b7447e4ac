using System.Diagnostics.CodeAnalysis;

namespace Typed.Distribution.Protocol;

/// <summary>A peer broke the protocol: a frame that is short, oversized, of an unknown kind, or that names unknown ids.</summary>
internal sealed class ProtocolException(string message) : Exception(message)
{
    /// <summary>Out of line, so the readers' fast paths stay small.</summary>
    [DoesNotReturn]
    public static void Throw(string message) => throw new ProtocolException(message);
}
