namespace Typed;

/// <summary>What a child is (OTP's <c>worker</c> or <c>supervisor</c> in a child spec).</summary>
public enum ChildType
{
    /// <summary>A <c>[Process]</c>.</summary>
    Worker = 0,

    /// <summary>A <c>[Supervisor]</c>: a subtree, given infinite time to stop by default.</summary>
    Supervisor = 1,
}
