using MemoryPack;

namespace Typed;

/// <summary>A connection to another node came up (Erlang's <c>{nodeup, Node}</c>).</summary>
/// <param name="Node">The peer's full name.</param>
[MemoryPackable]
public sealed partial record NodeUp(string Node);

/// <summary>The connection to another node went down (Erlang's <c>{nodedown, Node, [{nodedown_reason, R}]}</c>).</summary>
/// <param name="Node">The peer's full name.</param>
/// <param name="Reason">Why: <c>connection_closed</c>, <c>net_tick_timeout</c>, <c>disconnect</c>, a protocol error...</param>
[MemoryPackable]
public sealed partial record NodeDown(string Node, string Reason);
