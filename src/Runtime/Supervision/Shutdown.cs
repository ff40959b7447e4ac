namespace Typed;

/// <summary>
/// Special values of a child's shutdown time in milliseconds (OTP's <c>shutdown</c> in a child spec):
/// how long the supervisor waits after <c>exit(Child, shutdown)</c> before it kills the child.
/// </summary>
public static class Shutdown
{
    /// <summary>Kill the child at once with <c>kill</c>, no chance to clean up (OTP's <c>brutal_kill</c>).</summary>
    public const int BrutalKill = 0;

    /// <summary>Wait for the child however long it takes (OTP's <c>infinity</c>); the default for child supervisors.</summary>
    public const int Infinity = -1;

    /// <summary>5000 ms for a worker, <see cref="Infinity"/> for a supervisor, as OTP defaults them.</summary>
    public const int Default = -2;

    /// <summary>The wait for a worker child when none is given.</summary>
    public const int WorkerDefault = 5000;
}
