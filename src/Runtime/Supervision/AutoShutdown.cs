namespace Typed;

/// <summary>Whether a supervisor stops itself when significant children exit (OTP's <c>auto_shutdown</c>).</summary>
public enum AutoShutdown
{
    /// <summary><c>never</c>: significant children are not special.</summary>
    Never = 0,

    /// <summary><c>any_significant</c>: the supervisor stops when any significant child exits.</summary>
    AnySignificant = 1,

    /// <summary><c>all_significant</c>: the supervisor stops when all significant children have exited.</summary>
    AllSignificant = 2,
}
