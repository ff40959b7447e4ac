namespace Typed.Generators.Model;

/// <summary>How a handler's message reaches it.</summary>
internal enum HandlerKind
{
    Call,
    Cast,
    Info,
}
