using System.Text;

namespace Typed.Generators.Parsing;

/// <summary>
/// Stable ids for behaviours and messages: FNV-1a over the UTF-8 text of a name or signature,
/// kept positive and never zero (zero is the info message id). The same declaration always gets
/// the same id, on every machine and in every build.
/// </summary>
internal static class StableId
{
    public static int Of(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        var id = (int)(hash & 0x7FFFFFFF);
        return id == 0 ? 1 : id;
    }
}
