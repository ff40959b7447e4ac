using System.Security.Cryptography;
using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Takes large payloads: answers their length and hash, and keeps the order casts arrived in.</summary>
[Process]
public partial class Digest
{
    readonly List<string> _seen = [];

    /// <summary>The length and SHA-256 of <paramref name="data"/>, as <see cref="Of"/> gives them.</summary>
    [Call]
    public string Hash(byte[] data) => Of(data);

    [Cast]
    public void Keep(string tag, byte[] data) => _seen.Add($"{tag}:{data.Length}");

    [Call]
    public List<string> Seen() => _seen;

    /// <summary>A reply of <paramref name="size"/> bytes.</summary>
    [Call]
    public byte[] Make(int size) => new byte[size];

    public static string Of(byte[] data) => $"{data.Length}:{Convert.ToHexString(SHA256.HashData(data))}";
}
