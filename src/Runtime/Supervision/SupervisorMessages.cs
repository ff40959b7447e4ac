using Typed.CompilerServices;

namespace Typed.Supervision;

/// <summary>The requests a supervisor serves, with their message ids (the same for every supervisor).</summary>
internal static class SupervisorMessages
{
    public const int WhichChildren = 1;
    public const int CountChildren = 2;
    public const int TerminateChild = 3;
    public const int RestartChild = 4;
    public const int DeleteChild = 5;
    public const int StartChild = 6;
    public const int GetChild = 7;

    /// <summary>A restart that failed, tried again (OTP's <c>try_again_restart</c>); sent by the supervisor to itself.</summary>
    public const int RetryRestart = 8;

    /// <summary>The supervisor's flags, intensity used and children with their restart counts, for the observer (<c>Typed.Introspection</c>).</summary>
    public const int Describe = 20;

    public static readonly MessageSpec[] Specs =
    [
        new(WhichChildren, MessageKind.Call, nameof(WhichChildren), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildInfo[]>.Instance),
        new(CountChildren, MessageKind.Call, nameof(CountChildren), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildCounts>.Instance),
        new(TerminateChild, MessageKind.Call, nameof(TerminateChild), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildReply>.Instance),
        new(RestartChild, MessageKind.Call, nameof(RestartChild), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildReply>.Instance),
        new(DeleteChild, MessageKind.Call, nameof(DeleteChild), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildReply>.Instance),
        new(StartChild, MessageKind.Call, nameof(StartChild), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildReply>.Instance),
        new(GetChild, MessageKind.Call, nameof(GetChild), MessageCodec<ChildRequest>.Instance, MessageCodec<ChildReply>.Instance),
        new(Describe, MessageKind.Call, nameof(Describe), MessageCodec<ChildRequest>.Instance, MessageCodec<Introspection.SupervisorSnapshot>.Instance),
    ];
}

/// <summary>
/// A request about a child: by id, by pid (dynamic children), or a spec or start arguments to start
/// (<see cref="ArgsBehaviour"/> is the behaviour the arguments start, so a peer can read them). A
/// request read from a peer that cannot be served (an unknown behaviour, an invalid spec) says why in
/// <see cref="Invalid"/>, which never goes on the wire.
/// </summary>
internal sealed record ChildRequest(string? Id = null, Pid Pid = default, ChildSpec? Spec = null, object? Args = null, BehaviourDescriptor? ArgsBehaviour = null, string? Invalid = null)
{
    public static readonly ChildRequest None = new();

    public string Describe() => Id ?? (Pid.IsEmpty ? Spec?.Id ?? "" : Pid.ToString());
}

/// <summary>A supervisor's answer: the child's pid, or why not.</summary>
internal sealed record ChildReply(Pid Pid, SupervisorError? Error = null, ExitReason? Reason = null)
{
    public static readonly ChildReply Ok = new(default(Pid));

    public static ChildReply Failed(SupervisorError error, ExitReason? reason = null) => new(default, error, reason);
}
