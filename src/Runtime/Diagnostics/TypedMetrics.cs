using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Typed.Diagnostics;

/// <summary>
/// Typed's instruments, on the one <c>Typed</c> meter. Names follow the OpenTelemetry conventions:
/// lowercase, dot-separated, under the <c>typed.</c> namespace; units in UCUM (<c>s</c>, <c>By</c>,
/// <c>{process}</c>); attribute names from the semantic conventions where one fits (<c>rpc.system</c>,
/// <c>rpc.service</c>, <c>rpc.method</c>, <c>error.type</c>) and <c>typed.node</c> otherwise.
///
/// What a running node already shows is read when a listener collects (observable instruments over
/// the tracked nodes: no cost on any path). Events on hot paths are counted through the
/// <c>internal static</c> hooks below, which cost one <see cref="Instrument.Enabled"/> check when nobody
/// listens; the runtime calls them where the event happens.
/// </summary>
internal static class TypedMetrics
{
    internal static readonly Meter Meter = new(TypedTelemetry.MeterName, typeof(TypedMetrics).Assembly.GetName().Version?.ToString());

    static readonly ConcurrentDictionary<Node, IDisposable?> s_nodes = new();

    static readonly Counter<long> s_spawned = Meter.CreateCounter<long>("typed.process.spawned", "{process}", "Processes spawned.");
    static readonly Counter<long> s_exited = Meter.CreateCounter<long>("typed.process.exited", "{process}", "Processes exited, by exit reason kind (typed.exit.reason).");
    static readonly Counter<long> s_messagesSent = Meter.CreateCounter<long>("typed.message.sent", "{message}", "Messages sent to processes: sends, casts and calls.");
    static readonly Counter<long> s_messagesHandled = Meter.CreateCounter<long>("typed.message.handled", "{message}", "Messages a process has taken from its mailbox and handled.");
    static readonly Histogram<double> s_callDuration = Meter.CreateHistogram<double>("typed.call.duration", "s", "Duration of calls, from send to reply, by behaviour (rpc.service) and message (rpc.method); error.type when the call failed.");
    static readonly Counter<long> s_restarts = Meter.CreateCounter<long>("typed.supervisor.restarts", "{restart}", "Children restarted by supervisors.");
    static readonly Counter<long> s_supervisorGaveUp = Meter.CreateCounter<long>("typed.supervisor.shutdowns", "{supervisor}", "Supervisors that reached their restart intensity and shut down.");
    static readonly Counter<long> s_bytesSent = Meter.CreateCounter<long>("typed.distribution.sent.bytes", "By", "Bytes written to distribution connections.");
    static readonly Counter<long> s_bytesReceived = Meter.CreateCounter<long>("typed.distribution.received.bytes", "By", "Bytes read from distribution connections.");
    static readonly Counter<long> s_framesSent = Meter.CreateCounter<long>("typed.distribution.sent.frames", "{frame}", "Frames written to distribution connections.");
    static readonly Counter<long> s_framesReceived = Meter.CreateCounter<long>("typed.distribution.received.frames", "{frame}", "Frames read from distribution connections.");
    static readonly Counter<long> s_nodeUp = Meter.CreateCounter<long>("typed.node.up", "{event}", "Connections to visible nodes that came up (NodeUp).");
    static readonly Counter<long> s_nodeDown = Meter.CreateCounter<long>("typed.node.down", "{event}", "Connections to visible nodes that went down (NodeDown).");

    static TypedMetrics()
    {
        Meter.CreateObservableUpDownCounter("typed.process.count", ObserveProcesses, "{process}", "Processes alive on the node.");
        Meter.CreateObservableUpDownCounter("typed.node.connected", ObserveConnected, "{node}", "Visible nodes this node is connected to.");
        Meter.CreateObservableUpDownCounter("typed.distribution.peers", ObservePeers, "{node}", "Peers the node keeps state for: connected (visible or hidden), connecting, or holding frames until a connection comes up. Growing while typed.node.connected does not means dials to names that are never forgotten.");
        Meter.CreateObservableUpDownCounter("typed.mailbox.messages", ObserveMailboxes, "{message}", "Messages waiting in mailboxes, by node and behaviour (rpc.service): Erlang's message_queue_len summed.");
    }

    /// <summary>Reports <paramref name="node"/>'s live state (processes, connections, node up/down) until <see cref="Untrack"/>.</summary>
    public static void Track(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!s_nodes.TryAdd(node, null))
        {
            return;
        }

        if (node.DistributionEndpoint is not null)
        {
            var tag = new KeyValuePair<string, object?>("typed.node", node.Name);
            s_nodes[node] = node.MonitorNodes(_ => s_nodeUp.Add(1, tag), _ => s_nodeDown.Add(1, tag));
        }
    }

    /// <summary>Stops reporting <paramref name="node"/>.</summary>
    public static void Untrack(Node node)
    {
        if (s_nodes.TryRemove(node, out var subscription))
        {
            subscription?.Dispose();
        }
    }

    /// <summary>A process was spawned. Call: where a cell is created (Node.SpawnCell).</summary>
    public static void ProcessSpawned(string node)
    {
        if (s_spawned.Enabled)
        {
            s_spawned.Add(1, new KeyValuePair<string, object?>("typed.node", node));
        }
    }

    /// <summary>A process exited. Call: once per cell, where its exit reason is final (ProcessCell.Exit).</summary>
    public static void ProcessExited(string node, ExitReasonKind kind)
    {
        if (s_exited.Enabled)
        {
            s_exited.Add(1, new("typed.node", node), new("typed.exit.reason", ReasonName(kind)));
        }
    }

    /// <summary>A message was sent to a process (local or remote). Call: the router's send path.</summary>
    public static void MessageSent(string node)
    {
        if (s_messagesSent.Enabled)
        {
            s_messagesSent.Add(1, new KeyValuePair<string, object?>("typed.node", node));
        }
    }

    /// <summary>A process handled one message. Call: the cell's mailbox loop, after dispatch.</summary>
    public static void MessageHandled(string node, string behaviour)
    {
        if (s_messagesHandled.Enabled)
        {
            s_messagesHandled.Add(1, new("typed.node", node), new("rpc.service", behaviour));
        }
    }

    /// <summary>Whether anyone listens to call durations: read it before taking a timestamp.</summary>
    public static bool CallDurationEnabled => s_callDuration.Enabled;

    /// <summary>
    /// A call ended. Call: where a pending call completes (PendingCall), with <see cref="Stopwatch.GetTimestamp"/>
    /// taken when it was sent; <paramref name="error"/> is the exception's type name when it failed.
    /// </summary>
    public static void CallCompleted(string behaviour, string message, long startTimestamp, string? error = null)
    {
        if (!s_callDuration.Enabled)
        {
            return;
        }

        var seconds = SimulationContext.Elapsed(startTimestamp).TotalSeconds;
        var tags = new TagList
        {
            { "rpc.system", "typed" },
            { "rpc.service", behaviour },
            { "rpc.method", message },
        };
        if (error is not null)
        {
            tags.Add("error.type", error);
        }

        s_callDuration.Record(seconds, tags);
    }

    /// <summary>
    /// A supervisor restarted a child. Call: SupervisorCore, where it restarts a child, on the supervisor's
    /// own flow: the restart is also counted on the supervisor's cell (<see cref="Processes.ProcessCell.Current"/>),
    /// for the observer's restart counts.
    /// </summary>
    public static void ChildRestarted(string supervisor, string child)
    {
        Processes.ProcessCell.Current?.CountChildRestart(child);
        if (s_restarts.Enabled)
        {
            s_restarts.Add(1, new("typed.supervisor", supervisor), new("typed.child", child));
        }
    }

    /// <summary>A supervisor reached its restart intensity and shut down. Call: SupervisorCore, where it gives up.</summary>
    public static void SupervisorGaveUp(string supervisor)
    {
        if (s_supervisorGaveUp.Enabled)
        {
            s_supervisorGaveUp.Add(1, new KeyValuePair<string, object?>("typed.supervisor", supervisor));
        }
    }

    /// <summary>Frames and bytes written to a peer in one flush. Call: the connection's write loop, after each flush.</summary>
    public static void FramesSent(string peer, int frames, long bytes)
    {
        if (s_framesSent.Enabled)
        {
            s_framesSent.Add(frames, new KeyValuePair<string, object?>("typed.peer", peer));
        }

        if (s_bytesSent.Enabled)
        {
            s_bytesSent.Add(bytes, new KeyValuePair<string, object?>("typed.peer", peer));
        }
    }

    /// <summary>Frames and bytes read from a peer in one read. Call: the connection's read loop, after parsing a buffer.</summary>
    public static void FramesReceived(string peer, int frames, long bytes)
    {
        if (s_framesReceived.Enabled)
        {
            s_framesReceived.Add(frames, new KeyValuePair<string, object?>("typed.peer", peer));
        }

        if (s_bytesReceived.Enabled)
        {
            s_bytesReceived.Add(bytes, new KeyValuePair<string, object?>("typed.peer", peer));
        }
    }

    static string ReasonName(ExitReasonKind kind) => kind switch
    {
        ExitReasonKind.Normal => "normal",
        ExitReasonKind.Shutdown => "shutdown",
        ExitReasonKind.Kill => "kill",
        ExitReasonKind.Killed => "killed",
        ExitReasonKind.NoProc => "noproc",
        ExitReasonKind.NoConnection => "noconnection",
        ExitReasonKind.Exception => "exception",
        _ => "custom",
    };

    static IEnumerable<Measurement<long>> ObserveProcesses()
    {
        foreach (var node in s_nodes.Keys)
        {
            yield return new(node.ProcessCount, new KeyValuePair<string, object?>("typed.node", node.Name));
        }
    }

    static IEnumerable<Measurement<long>> ObserveMailboxes()
    {
        // Summed per behaviour on collection only: no cost on the message path, cardinality bounded by behaviours.
        var waiting = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var node in s_nodes.Keys)
        {
            waiting.Clear();
            foreach (var cell in node.Cells)
            {
                if (!cell.IsDead)
                {
                    waiting[cell.Descriptor.Name] = waiting.GetValueOrDefault(cell.Descriptor.Name) + cell.MailboxLength;
                }
            }

            foreach (var (behaviour, count) in waiting)
            {
                yield return new(count, new("typed.node", node.Name), new("rpc.service", behaviour));
            }
        }
    }

    static IEnumerable<Measurement<long>> ObservePeers()
    {
        foreach (var node in s_nodes.Keys)
        {
            if (node.Kernel is { } kernel)
            {
                yield return new(kernel.PeerCount, new KeyValuePair<string, object?>("typed.node", node.Name));
            }
        }
    }

    static IEnumerable<Measurement<long>> ObserveConnected()
    {
        foreach (var node in s_nodes.Keys)
        {
            yield return new(node.Nodes.Count, new KeyValuePair<string, object?>("typed.node", node.Name));
        }
    }
}
