namespace Typed.Routing;

/// <summary>Where the reply sink of a call from another node sends its outcome: the router, which frames it.</summary>
internal interface IRemoteReplies
{
    void Ok<T>(string peer, ulong callRef, T value);

    void Exited(string peer, ulong callRef, Pid callee, ExitReason reason);

    void Unhandled(string peer, ulong callRef, Pid callee, string detail);

    void Raised(string peer, ulong callRef, string exceptionType, string message, string? stackTrace);

    void Undefined(string peer, ulong callRef, int functionId, string detail);
}
