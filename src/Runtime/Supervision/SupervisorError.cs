namespace Typed;

/// <summary>Why a supervisor refused a request (OTP's <c>{error, ...}</c> replies).</summary>
public enum SupervisorError
{
    /// <summary>No child has that id or pid (<c>not_found</c>).</summary>
    NotFound = 0,

    /// <summary>The child is running, so it cannot be restarted or deleted (<c>running</c>).</summary>
    Running = 1,

    /// <summary>The child is between a failed restart and the next try (<c>restarting</c>).</summary>
    Restarting = 2,

    /// <summary>The child exists but is not running, so there is no process to reach.</summary>
    NotRunning = 3,

    /// <summary>A child spec with that id is already present (<c>already_present</c>).</summary>
    AlreadyPresent = 4,

    /// <summary>The child's start failed; <see cref="SupervisorException.Reason"/> says why.</summary>
    StartFailed = 5,

    /// <summary>The request does not apply to this supervisor's strategy (<c>simple_one_for_one</c>).</summary>
    NotSupported = 6,
}

/// <summary>A supervisor refused a request about one of its children.</summary>
public sealed class SupervisorException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the request was refused.</param>
    /// <param name="child">The child's id or pid as asked.</param>
    /// <param name="reason">For a failed start, the child's exit reason.</param>
    public SupervisorException(SupervisorError error, string child, ExitReason? reason = null)
        : base(Describe(error, child, reason))
    {
        Error = error;
        Child = child;
        Reason = reason;
    }

    /// <summary>Why the request was refused.</summary>
    public SupervisorError Error { get; }

    /// <summary>The child's id or pid as asked.</summary>
    public string Child { get; }

    /// <summary>For <see cref="SupervisorError.StartFailed"/>, why the child did not start.</summary>
    public ExitReason? Reason { get; }

    static string Describe(SupervisorError error, string child, ExitReason? reason) => error switch
    {
        SupervisorError.NotFound => $"The supervisor has no child {child}",
        SupervisorError.Running => $"Child {child} is running",
        SupervisorError.Restarting => $"Child {child} is restarting",
        SupervisorError.NotRunning => $"Child {child} is not running",
        SupervisorError.AlreadyPresent => $"A child {child} is already present",
        SupervisorError.StartFailed => $"Child {child} failed to start: {reason}",
        _ => $"Not supported by a simple_one_for_one supervisor (child {child})",
    };
}
