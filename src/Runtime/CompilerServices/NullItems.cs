namespace Typed.CompilerServices;

/// <summary>Whether a collection read from the wire holds a null item: what a collection of non-nullable items refuses.</summary>
internal static class NullItems
{
    /// <summary>True when <paramref name="items"/> holds null; arrays and lists by index, so no enumerator is allocated on the message path.</summary>
    public static bool Any(System.Collections.IEnumerable items)
    {
        if (items is object?[] array)
        {
            return Array.IndexOf(array, null) >= 0;
        }

        if (items is System.Collections.IList list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var item in items)
        {
            if (item is null)
            {
                return true;
            }
        }

        return false;
    }
}
