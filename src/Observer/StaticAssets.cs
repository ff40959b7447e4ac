using System.Collections.Frozen;

namespace Typed.Observer;

/// <summary>The page's files, embedded in the assembly (<c>wwwroot/</c>): read once, served from memory.</summary>
internal static class StaticAssets
{
    static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> s_files = Load();

    /// <summary>The file <paramref name="name"/> (<c>index.html</c>, <c>observer.js</c> and its modules, <c>observer.css</c>), if the page has it.</summary>
    public static bool TryGet(string name, out byte[] content, out string contentType)
    {
        if (s_files.TryGetValue(name, out var file))
        {
            (content, contentType) = file;
            return true;
        }

        (content, contentType) = ([], "");
        return false;
    }

    static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "Typed.Observer.wwwroot.";
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
