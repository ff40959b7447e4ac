namespace Typed;

/// <summary>When a supervisor restarts a child that exited (OTP's restart types).</summary>
public enum Restart
{
    /// <summary><c>permanent</c>: always restarted.</summary>
    Permanent = 0,

    /// <summary><c>transient</c>: restarted only after an abnormal exit (not <c>normal</c> or <c>shutdown</c>).</summary>
    Transient = 1,

    /// <summary><c>temporary</c>: never restarted.</summary>
    Temporary = 2,
}
