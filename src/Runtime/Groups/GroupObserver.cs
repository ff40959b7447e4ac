namespace Typed.Groups;

/// <summary>
/// The process behind a callback subscription (<see cref="ProcessGroups.SubscribeAsync(string, Action{GroupChanged})"/>):
/// it is the subscriber the scope server sends <see cref="GroupChanged"/> to, and runs the callback in
/// its own mailbox, so a slow callback delays only itself and a throwing one crashes only itself
/// (which ends the subscription).
/// </summary>
[Process]
internal sealed partial class GroupObserver
{
    /// <summary>Set before the process starts, by the subscription that owns it.</summary>
    internal GroupSubscription? Subscription { get; set; }

    /// <summary>A change in the watched group or scope: hand it to the callback.</summary>
    [Info]
    public void On(GroupChanged changed) => Subscription?.Deliver(changed);
}
