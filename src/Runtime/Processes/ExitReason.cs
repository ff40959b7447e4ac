using System.Text;
using MemoryPack;

namespace Typed;

/// <summary>
/// Why a process exited, or the reason an exit signal carries (Erlang's exit reason term).
/// Reasons are values: they compare by content and travel between nodes. An exception reason
/// keeps the exception's type name, message and stack text; the exception object itself is only
/// kept on the node where it was thrown (<see cref="Exception"/>).
/// </summary>
[MemoryPackable]
public sealed partial class ExitReason : IEquatable<ExitReason>
{
    /// <summary><c>normal</c>: the process finished. Links do not propagate it to non-trapping processes.</summary>
    public static ExitReason Normal { get; } = new(ExitReasonKind.Normal, null, null, null, null);

    /// <summary><c>shutdown</c>: an orderly stop.</summary>
    public static ExitReason Shutdown { get; } = new(ExitReasonKind.Shutdown, null, null, null, null);

    /// <summary><c>kill</c>: sent with <see cref="Node.Exit(Pid, ExitReason)"/>, it cannot be trapped.</summary>
    public static ExitReason Kill { get; } = new(ExitReasonKind.Kill, null, null, null, null);

    /// <summary><c>killed</c>: the reason of a process that received <see cref="Kill"/>.</summary>
    public static ExitReason Killed { get; } = new(ExitReasonKind.Killed, null, null, null, null);

    /// <summary><c>noproc</c>: there was no such process.</summary>
    public static ExitReason NoProc { get; } = new(ExitReasonKind.NoProc, null, null, null, null);

    /// <summary><c>noconnection</c>: the process's node could not be reached.</summary>
    public static ExitReason NoConnection { get; } = new(ExitReasonKind.NoConnection, null, null, null, null);

    /// <summary>Creates a reason. Use the static members and factory methods instead.</summary>
    [MemoryPackConstructor]
    internal ExitReason(ExitReasonKind kind, string? term, string? exceptionType, string? message, string? stackTrace)
    {
        Kind = kind;
        Term = term;
        ExceptionType = exceptionType;
        Message = message;
        StackTrace = stackTrace;
    }

    /// <summary>What kind of reason this is.</summary>
    public ExitReasonKind Kind { get; }

    /// <summary>The term of a <see cref="ExitReasonKind.Custom"/> reason or of <c>{shutdown, Term}</c>.</summary>
    public string? Term { get; }

    /// <summary>For an exception reason: the exception's full type name.</summary>
    public string? ExceptionType { get; }

    /// <summary>For an exception reason: the exception's message.</summary>
    public string? Message { get; }

    /// <summary>For an exception reason: the exception's stack text, as it was where it was thrown.</summary>
    public string? StackTrace { get; }

    /// <summary>For an exception reason on the node that threw it: the exception; otherwise null.</summary>
    [MemoryPackIgnore]
    public Exception? Exception { get; private init; }

    /// <summary>True for <c>normal</c>.</summary>
    [MemoryPackIgnore]
    public bool IsNormal => Kind == ExitReasonKind.Normal;

    /// <summary>
    /// True for <c>normal</c>, <c>shutdown</c> and <c>{shutdown, Term}</c>: the reasons a supervisor
    /// treats as a normal exit for transient children and does not report as a crash.
    /// </summary>
    [MemoryPackIgnore]
    public bool IsNormalOrShutdown => Kind is ExitReasonKind.Normal or ExitReasonKind.Shutdown;

    /// <summary>Creates <c>{shutdown, term}</c>.</summary>
    /// <param name="term">What the shutdown is about.</param>
    public static ExitReason ShutdownWith(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return new(ExitReasonKind.Shutdown, term, null, null, null);
    }

    /// <summary>Creates a custom reason, like an atom or term in Erlang.</summary>
    /// <param name="term">The reason, for example <c>"timeout"</c>.</param>
    public static ExitReason Custom(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return new(ExitReasonKind.Custom, term, null, null, null);
    }

    /// <summary>Creates the reason of a process whose handler threw <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception thrown.</param>
    public static ExitReason FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ExitReasonKind.Exception, null, exception.GetType().FullName, exception.Message, exception.StackTrace)
        {
            Exception = exception,
        };
    }

    /// <inheritdoc />
    public bool Equals(ExitReason? other) =>
        other is not null
        && Kind == other.Kind
        && Term == other.Term
        && ExceptionType == other.ExceptionType
        && Message == other.Message
        && StackTrace == other.StackTrace;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExitReason);

    /// <summary>True when both reasons are the same term (by content, as <see cref="Equals(ExitReason?)"/>), or both are null.</summary>
    /// <param name="left">A reason.</param>
    /// <param name="right">Another reason.</param>
    public static bool operator ==(ExitReason? left, ExitReason? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>True when the reasons are different terms.</summary>
    /// <param name="left">A reason.</param>
    /// <param name="right">Another reason.</param>
    public static bool operator !=(ExitReason? left, ExitReason? right) => !(left == right);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Term, ExceptionType, Message);

    /// <summary>Prints the reason the way Erlang would name it: <c>normal</c>, <c>{shutdown,T}</c>, <c>killed</c>, or the exception's type and message.</summary>
    public override string ToString() => Kind switch
    {
        ExitReasonKind.Normal => "normal",
        ExitReasonKind.Shutdown => Term is null ? "shutdown" : "{shutdown," + Term + "}",
        ExitReasonKind.Kill => "kill",
        ExitReasonKind.Killed => "killed",
        ExitReasonKind.NoProc => "noproc",
        ExitReasonKind.NoConnection => "noconnection",
        ExitReasonKind.Exception => new StringBuilder(ExceptionType).Append(": ").Append(Message).ToString(),
        _ => Term ?? "undefined",
    };
}
