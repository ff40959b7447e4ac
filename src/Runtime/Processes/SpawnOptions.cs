namespace Typed;

/// <summary>How to spawn a process.</summary>
public sealed record SpawnOptions
{
    /// <summary>A local name to register the process under at once (Erlang's <c>register/2</c>); spawn fails if it is taken.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Link the new process to the spawning process (Erlang's <c>spawn_link</c>). Only a process can
    /// link: use <see cref="ProcessContext.Spawn{T}(SpawnOptions?)"/>.
    /// </summary>
    public bool Link { get; init; }

    /// <summary>
    /// Monitor the new process from the spawning process (Erlang's <c>spawn_monitor</c>): a
    /// <see cref="Down"/> message arrives when it exits. Only a process can monitor.
    /// </summary>
    public bool Monitor { get; init; }

    /// <summary>Start the process trapping exits, before its init hook runs.</summary>
    public bool TrapExits { get; init; }
}
