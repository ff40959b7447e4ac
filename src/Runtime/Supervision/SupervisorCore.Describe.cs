using System.Diagnostics;
using Typed.CompilerServices;
using Typed.Introspection;

namespace Typed.Supervision;

/// <summary>
/// The supervisor describing itself to the observer (<see cref="SupervisorMessages.Describe"/>): its
/// flags, how much of its restart intensity is used, and each child with its restart count.
/// </summary>
public sealed partial class SupervisorCore
{
    SupervisorSnapshot Describe()
    {
        var self = Self;
        var now = SimulationContext.Timestamp();
        var period = _spec.Period * Stopwatch.Frequency;
        var used = _restarts.Count(then => now - then <= period);
        var children = Children.Select(c =>
        {
            var info = c.Info;
            var (restarts, reason) = self.ChildRestarts(info.Id);
            return new ChildSnapshot(info.Id, info.Pid, info.Status.ToString(), info.Type.ToString(), info.Behaviour, c.Spec.Restart.ToString(), restarts, reason);
        });
        return new SupervisorSnapshot(self.Self, self.Descriptor.Name, _spec.Strategy.ToString(), _spec.Intensity, _spec.Period, used, [.. children]);
    }

    /// <summary>Serves <see cref="SupervisorMessages.Describe"/>.</summary>
    ValueTask ReplyDescribe(ReplySink? reply) => Dispatch.Reply(reply, Describe());
}
