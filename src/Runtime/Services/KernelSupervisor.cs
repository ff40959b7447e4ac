using Typed.Groups;
using Typed.Introspection;
using Typed.Registry.Global;
using Typed.Rpc;

namespace Typed.Services;

/// <summary>
/// The root of every node's system processes (OTP's <c>kernel_sup</c>), registered as
/// <see cref="RegisteredName"/>: started by <see cref="Node.StartAsync"/> before the user's tree and
/// stopped after it. Its children register their own well-known names, so the same service on
/// other nodes reaches them by <c>{Name, Node}</c>.
/// </summary>
/// <remarks>
/// Children, in start order: the global name server (<c>global_name_server</c>), the default
/// process-group scope (<c>pg</c>), the RPC workers' parent (<c>rex</c>), the introspection service the observer
/// asks (<c>typed_observer</c>); then each named scope a
/// <see cref="Node.GroupScope(string)"/> call starts, as a dynamic child registered under its scope.
/// One for one: a service that crashes is restarted alone and takes up its work again (the name
/// server from the table it last published and its peers' tables, a scope server empty and synced
/// by its peers, as pg). More than <c>Intensity</c> restarts within <c>Period</c> seconds and the
/// supervisor gives up: the node then runs without its services, and says so in its log.
/// </remarks>
[Supervisor(Strategy.OneForOne, Intensity = 10, Period = 10)]
[Child<GlobalServer>("global_name_server")]
[Child<ScopeServer>("pg")]
[Child<RpcHost>("rex")]
[Child<IntrospectionServer>(IntrospectionServer.RegisteredName)]
internal sealed partial class KernelSupervisor
{
    /// <summary>The kernel supervisor's local name on every node.</summary>
    public const string RegisteredName = "kernel_sup";
}
