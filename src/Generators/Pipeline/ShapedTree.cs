using System.Collections.Generic;

namespace Typed.Generators.Pipeline;

/// <summary>One syntax tree with its two syntax hashes (<see cref="DeclarationShape.Both"/>), computed once per edited file.</summary>
/// <remarks>
/// Compared by tree identity (<see cref="ByTree"/>), like <see cref="TreeInput"/>: this step must hand the
/// current tree on, since a file that is parsed again is parsed from it. Whether a file needs parsing again
/// is decided one step later, by <see cref="Own"/> and the path (see <c>TypedGenerator.FileComparer</c>).
/// </remarks>
internal sealed class ShapedTree(TreeInput input, ulong declarations, ulong own)
{
    /// <summary>Equal when the tree is the same object.</summary>
    public static readonly IEqualityComparer<ShapedTree> ByTree = new TreeComparer();

    public TreeInput Input { get; } = input;

    /// <summary>What other files' models may read of this file (<see cref="DeclarationShape.Of"/>).</summary>
    public ulong Declarations { get; } = declarations;

    /// <summary>What this file's own models read of it: every token outside member bodies.</summary>
    public ulong Own { get; } = own;

    sealed class TreeComparer : IEqualityComparer<ShapedTree>
    {
        public bool Equals(ShapedTree? x, ShapedTree? y) => ReferenceEquals(x?.Input.Tree, y?.Input.Tree);

        public int GetHashCode(ShapedTree obj) => obj.Input.Tree.GetHashCode();
    }
}
