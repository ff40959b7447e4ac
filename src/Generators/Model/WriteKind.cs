namespace Typed.Generators.Model;

/// <summary>Which MemoryPack writer method serializes a member (the same choice MemoryPack's own generator makes).</summary>
internal enum WriteKind
{
    Unmanaged,
    String,
    Value,
}
