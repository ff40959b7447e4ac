using System.Globalization;

namespace Typed.Observer.Views;

/// <summary>Reads a pid back from its text, <c>&lt;node.id.creation&gt;</c> (<see cref="Pid.ToString()"/>).</summary>
internal static class PidText
{
    /// <summary>The longest pid text accepted (a node name is at most 255 bytes in Erlang).</summary>
    const int MaxLength = 300;

    public static bool TryParse(string? text, out Pid pid)
    {
        pid = default;
        if (text is null || text.Length is < 7 or > MaxLength || text[0] != '<' || text[^1] != '>')
        {
            return false;
        }

        var body = text.AsSpan(1, text.Length - 2);
        var lastDot = body.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        var idDot = body[..lastDot].LastIndexOf('.');
        if (idDot <= 0
            || !ulong.TryParse(body[(idDot + 1)..lastDot], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !uint.TryParse(body[(lastDot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var creation))
        {
            return false;
        }

        pid = new Pid(body[..idDot].ToString(), id, creation);
        return true;
    }
}
