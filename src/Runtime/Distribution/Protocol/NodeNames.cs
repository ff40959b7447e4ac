namespace Typed.Distribution.Protocol;

/// <summary>
/// What a node name may be: <c>name@host</c>, the name of letters, digits, <c>_</c> and <c>-</c>, the
/// host of those and <c>.</c> and <c>:</c> (Erlang's rule, plus IPv6 literals), at most
/// <see cref="MaxLength"/> bytes. Checked by hand, before anything else reads a name a peer sent.
/// </summary>
internal static class NodeNames
{
    public const int MaxLength = 255;

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        var at = name.IndexOf('@');
        if (at <= 0 || at == name.Length - 1 || name[(at + 1)..].Contains('@'))
        {
            return false;
        }

        foreach (var c in name[..at])
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        foreach (var c in name[(at + 1)..])
        {
            if (!IsNameChar(c) && c is not '.' and not ':')
            {
                return false;
            }
        }

        return true;
    }

    static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
