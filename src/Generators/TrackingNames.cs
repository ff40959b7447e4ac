namespace Typed.Generators;

/// <summary>The names of the pipeline's steps, for tests that check what was cached.</summary>
internal static class TrackingNames
{
    public const string Behaviours = nameof(Behaviours);
    public const string Models = nameof(Models);
    public const string Supervisors = nameof(Supervisors);
    public const string RpcModules = nameof(RpcModules);
}
