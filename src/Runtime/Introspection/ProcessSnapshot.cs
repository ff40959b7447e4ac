using MemoryPack;

namespace Typed.Introspection;

/// <summary>One process as its node sees it at the moment of a snapshot (Erlang's <c>process_info/1</c>, in part).</summary>
/// <param name="Pid">The process.</param>
/// <param name="Behaviour">Its behaviour's type name.</param>
/// <param name="RegisteredName">Its local registered name, if any.</param>
/// <param name="MailboxLength">Messages waiting (Erlang's <c>message_queue_len</c>; approximate while it runs).</param>
/// <param name="MessagesHandled">Messages its handlers have taken since it started.</param>
/// <param name="TrapExits">Whether it traps exit signals.</param>
/// <param name="IsSupervisor">Whether it is a supervisor.</param>
/// <param name="Parent">The process that spawned it; empty for a top-level process.</param>
/// <param name="Links">The processes it is linked to.</param>
/// <param name="Monitors">The processes it monitors.</param>
/// <param name="MonitoredBy">The processes that monitor it.</param>
[MemoryPackable]
public sealed partial record ProcessSnapshot(
    Pid Pid,
    string Behaviour,
    string? RegisteredName,
    int MailboxLength,
    long MessagesHandled,
    bool TrapExits,
    bool IsSupervisor,
    Pid Parent,
    Pid[] Links,
    Pid[] Monitors,
    Pid[] MonitoredBy);
