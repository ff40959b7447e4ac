namespace Typed;

/// <summary>
/// An exception thrown in another process, possibly on another node, described by its type name,
/// message and stack text. The original exception object is never rebuilt from the wire.
/// </summary>
public sealed class RemoteException : TypedException
{
    /// <summary>Creates the description of a remote exception.</summary>
    /// <param name="exceptionType">The full type name of the exception thrown.</param>
    /// <param name="message">Its message.</param>
    /// <param name="remoteStackTrace">Its stack text where it was thrown.</param>
    public RemoteException(string exceptionType, string message, string? remoteStackTrace)
        : base(exceptionType + ": " + message)
    {
        ExceptionType = exceptionType;
        RemoteMessage = message;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full type name of the exception thrown.</summary>
    public string ExceptionType { get; }

    /// <summary>The exception's own message.</summary>
    public string RemoteMessage { get; }

    /// <summary>The stack text where it was thrown.</summary>
    public string? RemoteStackTrace { get; }

    /// <inheritdoc />
    public override string? StackTrace => RemoteStackTrace;
}
