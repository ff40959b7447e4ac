namespace Typed.Generators;

/// <summary>The names of the pipeline's steps, for tests that check what was cached.</summary>
internal static class TrackingNames
{
    /// <summary>Every syntax tree, compared by identity.</summary>
    public const string Trees = nameof(Trees);

    /// <summary>Each tree's declaration shape (syntax only).</summary>
    public const string Shapes = nameof(Shapes);

    /// <summary>The compilation's semantic version: every shape, the references and the options.</summary>
    public const string Version = nameof(Version);

    /// <summary>Each file's declarations, parsed (a <c>FileModel</c>): behaviours, supervisors, RPC modules, wire records.</summary>
    public const string Declarations = nameof(Declarations);
}
