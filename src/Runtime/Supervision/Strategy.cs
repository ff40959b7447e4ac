namespace Typed;

/// <summary>How a supervisor restarts its children when one exits (OTP's restart strategies).</summary>
public enum Strategy
{
    /// <summary><c>one_for_one</c>: only the child that exited is restarted.</summary>
    OneForOne = 0,

    /// <summary><c>one_for_all</c>: all children are stopped and restarted.</summary>
    OneForAll = 1,

    /// <summary><c>rest_for_one</c>: the child and the children started after it are stopped and restarted.</summary>
    RestForOne = 2,

    /// <summary><c>simple_one_for_one</c>: dynamic children of one type, started with arguments; each restarted alone.</summary>
    SimpleOneForOne = 3,
}
