namespace Typed;

/// <summary>How a <see cref="Quorum"/> round ended.</summary>
public enum QuorumOutcome
{
    /// <summary>More than half of all the members accepted.</summary>
    Majority,

    /// <summary>Enough members refused, failed or could not be reached that a majority is impossible.</summary>
    NoMajority,

    /// <summary>The round's time ran out with neither decided.</summary>
    Timeout,
}

/// <summary>What a <see cref="Quorum"/> round decided, and who said what.</summary>
/// <param name="Outcome">The decision.</param>
/// <param name="Accepted">The members that accepted, in name order.</param>
/// <param name="Refused">The members that refused, in name order.</param>
/// <param name="Unreachable">The members whose vote failed (down, crashed, timed out), in name order.</param>
public sealed record QuorumResult(QuorumOutcome Outcome, IReadOnlyList<string> Accepted, IReadOnlyList<string> Refused, IReadOnlyList<string> Unreachable);

/// <summary>
/// Majority decisions over a set of nodes: a proposal is put to every member through a vote of the
/// caller's own (a typed call to a handler on each node, say), and succeeds when a strict majority of
/// all the members accepts; a member that cannot be reached counts as not voting, so a minority side of
/// a partition can never decide.
/// </summary>
public static class Quorum
{
    /// <summary>
    /// Asks every member at once and returns as soon as the outcome is certain: a majority accepted, or
    /// too many refused or failed for one; or when <paramref name="timeout"/> passes.
    /// </summary>
    /// <param name="members">The nodes that vote (this node among them if it votes), by full name; at least one.</param>
    /// <param name="vote">Asks one member; true accepts, false refuses, an exception is no vote.</param>
    /// <param name="timeout">How long the round may take.</param>
    /// <param name="cancellationToken">Ends the round early (as a timeout).</param>
    public static async Task<QuorumResult> ProposeAsync(IEnumerable<string> members, Func<string, CancellationToken, Task<bool>> vote, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(vote);
        var all = members.Distinct(StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("a quorum needs at least one member", nameof(members));
        }

        using var round = SimulationContext.CancelAfter(timeout, cancellationToken);
        var needed = (all.Count / 2) + 1;
        var accepted = new List<string>();
        var refused = new List<string>();
        var unreachable = new List<string>();
        // A list, not a dictionary keyed by task: votes that end at once share the runtime's cached tasks.
        var pending = all.Select(m => (Vote: Ask(m), Member: m)).ToList();
        var outcome = QuorumOutcome.Timeout;
        var timedOut = Task.Delay(Timeout.InfiniteTimeSpan, SimulationContext.Clock, round.Token);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending.Select(p => (Task)p.Vote).Append(timedOut)).ConfigureAwait(SimulationContext.Capture);
            // A vote ended by the round's own cancellation is not "unreachable": the time is up.
            if (done == timedOut || timedOut.IsCompleted)
            {
                break;
            }

            var index = pending.FindIndex(p => ReferenceEquals(p.Vote, done));
            var (answer, member) = pending[index];
            pending.RemoveAt(index);
            switch (answer.Result)
            {
                case true:
                    accepted.Add(member);
                    break;
                case false:
                    refused.Add(member);
                    break;
                default:
                    unreachable.Add(member);
                    break;
            }

            if (accepted.Count >= needed)
            {
                outcome = QuorumOutcome.Majority;
                break;
            }

            if (refused.Count + unreachable.Count > all.Count - needed)
            {
                outcome = QuorumOutcome.NoMajority;
                break;
            }
        }

        await round.CancelAsync().ConfigureAwait(SimulationContext.Capture);   // the votes still out are not waited for
        return new QuorumResult(outcome, Sorted(accepted), Sorted(refused), Sorted(unreachable));

        async Task<bool?> Ask(string member)
        {
            try
            {
                return await vote(member, round.Token).ConfigureAwait(SimulationContext.Capture);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return null;   // down, crashed, timed out or cancelled: no vote
            }
        }
    }

    /// <summary>
    /// A round over the members of a process group, as this node sees them when it starts: each member
    /// process votes (through <paramref name="vote"/>, a typed call to it, say), and a strict majority
    /// of all of them must accept. The result names members by their pids' text.
    /// </summary>
    /// <param name="groups">The scope, as <see cref="Node.Groups"/>.</param>
    /// <param name="group">The group whose members vote; it must have at least one.</param>
    /// <param name="vote">Asks one member; true accepts, false refuses, an exception is no vote.</param>
    /// <param name="timeout">How long the round may take.</param>
    /// <param name="cancellationToken">Ends the round early (as a timeout).</param>
    public static Task<QuorumResult> ProposeAsync(ProcessGroups groups, string group, Func<Pid, CancellationToken, Task<bool>> vote, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(vote);
        var members = groups.GetMembers(group).Distinct().ToDictionary(p => p.ToString(), StringComparer.Ordinal);
        if (members.Count == 0)
        {
            throw new ArgumentException($"group {group} has no members to vote", nameof(group));
        }

        return ProposeAsync(members.Keys, (member, ct) => vote(members[member], ct), timeout, cancellationToken);
    }

    static IReadOnlyList<string> Sorted(List<string> names) => [.. names.Order(StringComparer.Ordinal)];
}
