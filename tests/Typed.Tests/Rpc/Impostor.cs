namespace Typed.Tests.Rpc;

/// <summary>Arguments of another shape, to send a real function id with arguments that do not decode as its own.</summary>
[Rpc]
internal static partial class Impostor
{
    public static int Text(string text) => text.Length;
}
