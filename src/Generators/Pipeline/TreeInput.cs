using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Typed.Generators.Pipeline;

/// <summary>One syntax tree of the compilation, with the handle of the run that saw it.</summary>
/// <remarks>
/// Compared by tree identity only (<see cref="ByTree"/>): an edit makes a new tree for the edited file
/// and keeps every other tree object, so only the edited file's entry flows on.
/// </remarks>
internal sealed class TreeInput(SyntaxTree tree, CompilationHandle handle)
{
    /// <summary>Equal when the tree is the same object: the handle is not compared.</summary>
    public static readonly IEqualityComparer<TreeInput> ByTree = new TreeComparer();

    public SyntaxTree Tree { get; } = tree;

    public CompilationHandle Handle { get; } = handle;

    sealed class TreeComparer : IEqualityComparer<TreeInput>
    {
        public bool Equals(TreeInput? x, TreeInput? y) => ReferenceEquals(x?.Tree, y?.Tree);

        public int GetHashCode(TreeInput obj) => obj.Tree.GetHashCode();
    }
}
