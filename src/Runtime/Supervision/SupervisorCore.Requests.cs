using Typed.CompilerServices;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Typed.Diagnostics;
using Typed.Processes;
using Typed.Supervision;

namespace Typed.Supervision;

/// <summary>The supervisor API served from other processes: which children, start, restart, terminate, delete.</summary>
public sealed partial class SupervisorCore
{
    ChildCounts Count()
    {
        int specs = 0, supervisors = 0;
        foreach (var child in Children)
        {
            specs++;
            supervisors += child.Spec.Type == ChildType.Supervisor ? 1 : 0;
        }

        return new ChildCounts(specs, _running.Count, supervisors, specs - supervisors);
    }

    async ValueTask<ChildReply> TerminateChildAsync(ChildRequest request)
    {
        if (Find(request) is not { } child)
        {
            return ChildReply.Failed(SupervisorError.NotFound);
        }

        if (child.IsRunning)
        {
            await StopAsync([child]).ConfigureAwait(SimulationContext.Capture);
        }

        child.Restarting = false;
        if (Simple || child.Spec.Restart == Restart.Temporary)
        {
            Forget(child);
        }

        return ChildReply.Ok;
    }

    async ValueTask<ChildReply> RestartChildAsync(ChildRequest request)
    {
        if (Simple)
        {
            return ChildReply.Failed(SupervisorError.NotSupported);
        }

        if (Find(request) is not { } child)
        {
            return ChildReply.Failed(SupervisorError.NotFound);
        }

        if (child.IsRunning)
        {
            return new ChildReply(child.Pid, SupervisorError.Running);
        }

        return await StartAsync(child).ConfigureAwait(SimulationContext.Capture) is { } failure
            ? ChildReply.Failed(SupervisorError.StartFailed, failure)
            : new ChildReply(child.Pid);
    }

    ChildReply DeleteChild(ChildRequest request)
    {
        if (Simple)
        {
            return ChildReply.Failed(SupervisorError.NotSupported);
        }

        if (Find(request) is not { } child)
        {
            return ChildReply.Failed(SupervisorError.NotFound);
        }

        if (child.IsRunning || child.Restarting)
        {
            return new ChildReply(child.Pid, child.IsRunning ? SupervisorError.Running : SupervisorError.Restarting);
        }

        Forget(child);
        return ChildReply.Ok;
    }

    async ValueTask<ChildReply> StartChildAsync(ChildRequest request)
    {
        if (request.Invalid is { } invalid)
        {
            return ChildReply.Failed(SupervisorError.StartFailed, ExitReason.Custom(invalid));
        }

        Child child;
        if (Simple)
        {
            var template = _spec.Children[0];
            if (request.ArgsBehaviour is { } behaviour && behaviour != template.Behaviour)
            {
                return ChildReply.Failed(SupervisorError.StartFailed, ExitReason.Custom("{bad_start_args," + behaviour.Name + "}"));
            }

            try
            {
                child = new Child(template.WithArgs(request.Args));
            }
            catch (ArgumentException ex)
            {
                return ChildReply.Failed(SupervisorError.StartFailed, ExitReason.FromException(ex));
            }
        }
        else
        {
            if (request.Spec is not { } spec)
            {
                return ChildReply.Failed(SupervisorError.StartFailed, ExitReason.Custom("{bad_child_spec,none given}"));
            }

            if (Find(new ChildRequest(spec.Id)) is { } existing)
            {
                return new ChildReply(existing.Pid, SupervisorError.AlreadyPresent);
            }

            child = new Child(spec);
        }

        WatchClusterFor(child.Spec);
        if (await StartAsync(child).ConfigureAwait(SimulationContext.Capture) is { } failure)
        {
            return ChildReply.Failed(SupervisorError.StartFailed, failure);
        }

        if (Simple)
        {
            _dynamic.Add(child);
        }
        else
        {
            _children.Add(child);
        }

        return new ChildReply(child.Pid);
    }

    ChildReply GetChild(ChildRequest request) => Find(request) switch
    {
        null => ChildReply.Failed(SupervisorError.NotFound),
        { IsRunning: true } child => new ChildReply(child.Pid),
        { Restarting: true } => ChildReply.Failed(SupervisorError.Restarting),
        _ => ChildReply.Failed(SupervisorError.NotRunning),
    };

    Child? Find(ChildRequest request)
    {
        if (!request.Pid.IsEmpty)
        {
            return _running.GetValueOrDefault(request.Pid);
        }

        return Simple ? null : _children.Find(c => c.Spec.Id == request.Id);
    }

    bool IsCurrent(Child child) => Simple ? _dynamic.Contains(child) : _children.Contains(child);

    void Forget(Child child)
    {
        if (Simple)
        {
            _dynamic.Remove(child);
        }
        else
        {
            _children.Remove(child);
        }
    }
}
