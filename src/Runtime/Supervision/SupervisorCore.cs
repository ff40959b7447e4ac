using Typed.CompilerServices;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Typed.Diagnostics;
using Typed.Processes;
using Typed.Supervision;

namespace Typed.Supervision;

/// <summary>
/// The runtime half of every <c>[Supervisor]</c> class (OTP's <c>supervisor</c> module): the generated
/// half hands it the spec and forwards the process hooks to it. User code does not use it.
/// </summary>
/// <remarks>
/// Design note. A supervisor is an ordinary process that traps exits; everything below runs on its
/// own loop, one message at a time, so its state needs no lock. Starts are synchronous as in OTP: a
/// start waits for the child's init hook, so a child that cannot start is known at once. A child is
/// stopped by unlinking it first, so an exit the supervisor caused never looks like a crash; an exit
/// signal from a pid that is no longer a current child is stale and ignored.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class SupervisorCore
{
    static readonly SpawnOptions s_link = new() { Link = true };

    readonly SupervisorSpec _spec;
    readonly List<Child> _children = [];
    readonly HashSet<Child> _dynamic = [];
    readonly Dictionary<Pid, Child> _running = [];
    readonly Queue<long> _restarts = new();
    ProcessCell? _self;

    /// <summary>Creates the supervisor's state from its spec.</summary>
    /// <param name="spec">The generated spec of the <c>[Supervisor]</c> class.</param>
    public SupervisorCore(SupervisorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
    }

    /// <summary>The messages every supervisor accepts, for its generated descriptor.</summary>
    public static MessageSpec[] Messages() => [.. SupervisorMessages.Specs];

    bool Simple => _spec.Strategy == Strategy.SimpleOneForOne;

    ProcessCell Self => _self ?? throw new InvalidOperationException("The supervisor is not running as a process");

    ILogger Log => Self.Node.Log;

    IEnumerable<Child> Children => Simple ? _dynamic : _children;

    /// <summary>Binds the supervisor to its process.</summary>
    /// <param name="context">The process it runs as.</param>
    public void Attach(ProcessContext context) => _self = (ProcessCell)context;

    /// <summary>
    /// Traps exits and starts the children in order, each one's init completing before the next
    /// starts. If one fails, those started are stopped and the supervisor exits with
    /// <c>{shutdown, failed_to_start_child ...}</c>.
    /// </summary>
    public async ValueTask InitAsync()
    {
        Self.TrapExits = true;
        if (Simple)
        {
            return;
        }

        foreach (var spec in _spec.Children)
        {
            WatchClusterFor(spec);
            var child = new Child(spec);
            _children.Add(child);
            if (await StartAsync(child).ConfigureAwait(SimulationContext.Capture) is { } failure)
            {
                await StopAllAsync().ConfigureAwait(SimulationContext.Capture);
                Self.Stop(ExitReason.ShutdownWith("{failed_to_start_child," + spec.Id + "," + failure + "}"));
                return;
            }
        }
    }

    /// <summary>Serves one message: a child's exit, a retried restart or a request.</summary>
    /// <param name="envelope">The message.</param>
    public ValueTask HandleAsync(in Envelope envelope)
    {
        var reply = envelope.Reply;
        var request = envelope.Message as ChildRequest ?? ChildRequest.None;
        switch (envelope.Id)
        {
            case Envelope.InfoId when envelope.Message is ExitSignal exit:
                return OnExitAsync(exit);
            case Envelope.InfoId when envelope.Message is NodeUp up:
                return OnNodeUpAsync(up);
            case Envelope.InfoId when envelope.Message is NodeDown:
                return default;   // its children there exit with noconnection through their links
            case Envelope.InfoId when envelope.Message is ClusterChange:
                return OnClusterChangeAsync();
            case SupervisorMessages.RetryRestart:
                return RetryAsync((Child)envelope.Message!);
            case SupervisorMessages.WhichChildren:
                return Dispatch.Reply(reply, Children.Select(c => c.Info).ToArray());
            case SupervisorMessages.CountChildren:
                return Dispatch.Reply(reply, Count());
            case SupervisorMessages.TerminateChild:
                return Dispatch.ReplyAsync(reply, TerminateChildAsync(request));
            case SupervisorMessages.RestartChild:
                return Dispatch.ReplyAsync(reply, RestartChildAsync(request));
            case SupervisorMessages.DeleteChild:
                return Dispatch.Reply(reply, DeleteChild(request));
            case SupervisorMessages.StartChild:
                return Dispatch.ReplyAsync(reply, StartChildAsync(request));
            case SupervisorMessages.GetChild:
                return Dispatch.Reply(reply, GetChild(request));
            case SupervisorMessages.Describe:
                return ReplyDescribe(reply);
            default:
                return Dispatch.Unhandled(Self, envelope);
        }
    }

    /// <summary>Stops every child in reverse start order (dynamic children all at once), as OTP's <c>terminate/2</c>.</summary>
    /// <param name="reason">Why the supervisor exits.</param>
    public ValueTask TerminateAsync(ExitReason reason) => StopAllAsync();

    async ValueTask OnExitAsync(ExitSignal exit)
    {
        if (!_running.Remove(exit.From, out var child))
        {
            Log.UnknownExit(Self.Self, exit.From, exit.Reason);
            return;
        }

        var reason = exit.Reason;
        if (reason.IsNormalOrShutdown)
        {
            Log.ChildExited(Self.Self, child.Spec.Id, exit.From, reason);
        }
        else
        {
            Log.ChildTerminated(Self.Self, child.Spec.Id, exit.From, reason);
        }

        child.Stopped();
        var restart = child.Spec.Restart switch
        {
            Restart.Permanent => true,
            Restart.Transient => !reason.IsNormalOrShutdown,
            _ => false,
        };
        if (restart)
        {
            await RestartAsync(child).ConfigureAwait(SimulationContext.Capture);
            return;
        }

        if (child.Spec.Restart == Restart.Temporary || Simple)
        {
            Forget(child);
        }

        if (child.Spec.Significant && AutoShutdownDue())
        {
            Log.AutoShutdown(Self.Self, child.Spec.Id, _spec.AutoShutdown);
            Self.Stop(ExitReason.Shutdown);
        }
    }

    bool AutoShutdownDue() => _spec.AutoShutdown switch
    {
        AutoShutdown.AnySignificant => true,
        AutoShutdown.AllSignificant => !Children.Any(c => c.Spec.Significant && c.IsRunning),
        _ => false,
    };

    /// <summary>Restarts a child by the strategy, or gives up when restarts come too fast.</summary>
    async ValueTask RestartAsync(Child child)
    {
        if (!AddRestart())
        {
            Log.MaxRestartIntensity(Self.Self, _spec.Intensity, _spec.Period);
            Diagnostics.TypedMetrics.SupervisorGaveUp(Self.Descriptor.Name);
            Self.Stop(ExitReason.Shutdown);
            return;
        }

        Log.ChildRestarting(Self.Self, child.Spec.Id, _spec.Strategy, _restarts.Count, _spec.Intensity, _spec.Period);
        Diagnostics.TypedMetrics.ChildRestarted(Self.Descriptor.Name, child.Spec.Id);
        List<Child> group;
        switch (_spec.Strategy)
        {
            case Strategy.OneForAll:
                group = [.. _children];
                break;
            case Strategy.RestForOne:
                group = _children.GetRange(_children.IndexOf(child), _children.Count - _children.IndexOf(child));
                break;
            default:
                group = [child];
                break;
        }

        // The others in the group stop in reverse start order; temporary ones are not restarted.
        for (var i = group.Count - 1; i >= 0; i--)
        {
            var other = group[i];
            if (other == child)
            {
                continue;
            }

            if (other.IsRunning)
            {
                await StopAsync([other]).ConfigureAwait(SimulationContext.Capture);
            }

            if (other.Spec.Restart == Restart.Temporary)
            {
                Forget(other);
                group.RemoveAt(i);
            }
        }

        foreach (var member in group)
        {
            if (member.IsRunning || Self.IsDead)
            {
                continue;
            }

            if (await StartAsync(member).ConfigureAwait(SimulationContext.Capture) is not null)
            {
                // OTP's try_again_restart: the next attempt counts toward the intensity too.
                member.Restarting = true;
                Self.Post(new Envelope(SupervisorMessages.RetryRestart, member, null));
                return;
            }
        }
    }

    ValueTask RetryAsync(Child child) =>
        child.Restarting && !child.IsRunning && IsCurrent(child) ? RestartAsync(child) : default;

    bool AddRestart()
    {
        var now = SimulationContext.Timestamp();
        var period = _spec.Period * Stopwatch.Frequency;
        while (_restarts.TryPeek(out var then) && now - then > period)
        {
            _restarts.Dequeue();
        }

        _restarts.Enqueue(now);
        return _restarts.Count <= _spec.Intensity;
    }

    /// <summary>
    /// Starts a child where its placement says and waits for its init hook, there as here. Null when
    /// it runs; otherwise why it did not start.
    /// </summary>
    async ValueTask<ExitReason?> StartAsync(Child child)
    {
        var self = Self;
        var spec = child.Spec;
        if (InMinority(spec))
        {
            Suspend(child);
            return null;
        }

        ExitReason? failure;
        Pid pid = default;
        try
        {
            var node = PlaceChild(child);
            var options = spec.Name is { } name ? new SpawnOptions { Link = true, Name = name } : s_link;
            if (node is null)
            {
                failure = ExitReason.Custom("{no_live_node," + spec.Placement + "}");
            }
            else if (node == self.Node.Name)
            {
                var cell = self.Node.SpawnCell(spec.Behaviour, spec.StartArgs, options, self);
                pid = cell.Self;
                failure = await cell.WhenStarted().ConfigureAwait(SimulationContext.Capture);
            }
            else
            {
                // Linked on both sides before it runs; the answer comes once its init hook has returned.
                pid = await self.Node.Router.SpawnAsync(node, spec.Behaviour, spec.StartArgs, options, self, afterInit: true, CancellationToken.None).ConfigureAwait(SimulationContext.Capture);
                failure = null;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = ExitReason.FromException(ex);
        }

        if (failure is not null)
        {
            // Its exit signal, if one comes, names a pid that is not a current child: ignored.
            Log.ChildStartFailed(self.Self, spec.Id, failure);
            return failure;
        }

        child.Started(pid);
        _running[pid] = child;
        Log.ChildStarted(self.Self, spec.Id, pid, spec.Behaviour.Name);
        return null;
    }
}
