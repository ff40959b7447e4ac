namespace Typed.Analyzers.Tests;

/// <summary>Paths in the repository the tests read: the docs and the diagnostics sample.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Typed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Typed.sln not found above " + AppContext.BaseDirectory);
    }
}
