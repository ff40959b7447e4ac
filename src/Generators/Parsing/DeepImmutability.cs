using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Typed.Generators.Parsing;

/// <summary>
/// Whether a user type a message carries is deeply immutable, so that local delivery may pass its values
/// uncopied (the runtime's <c>LocalCopy</c>). Decided from the symbols alone, conservatively: a type it
/// cannot see through is mutable.
/// </summary>
/// <remarks>
/// The rule. A class or struct is immutable when every instance field, its own and its base types'
/// (compiler-generated backing fields included: init-only and get-only auto-properties have readonly ones),
/// is <c>readonly</c>, and every field's type is immutable:
/// <list type="bullet">
/// <item>a type without references (primitives, enums, <c>DateTime</c>, <c>Guid</c>, structs of those)
/// that holds no address (pointers, <c>nint</c>, <c>nuint</c>, <c>GCHandle</c>), a string;</item>
/// <item>one of the runtime's immutable handles (<c>Pid</c>, <c>MonitorRef</c>, <c>ProcessRef&lt;T&gt;</c>,
/// <c>Unit</c>; not an exit reason, which holds a live exception);</item>
/// <item><c>Nullable&lt;T&gt;</c> of an immutable <c>T</c>;</item>
/// <item>a struct or a sealed class that satisfies the rule itself (a type under examination counts as
/// immutable to its own cycle). A field of a class that is not sealed could hold an instance of a derived
/// class that adds mutable state, which no check at delivery would see: mutable.</item>
/// </list>
/// Anything else is mutable: arrays, collections, interfaces, <c>object</c>, delegates, type parameters,
/// events, a field that is not readonly, a property with a setter that is not init-only, a primary constructor parameter that a member captures (the
/// compiler stores it in a hidden field that is not readonly), a type from another assembly whose private
/// fields the compilation does not import. The top-level type itself may be any class that is not
/// abstract: the runtime passes a value uncopied only when its runtime type is exactly the type marked.
/// </remarks>
internal sealed class DeepImmutability
{
    readonly bool _seesPrivateMetadata;
    readonly Dictionary<ITypeSymbol, bool> _decided = new(SymbolEqualityComparer.Default);
    readonly HashSet<ITypeSymbol> _examining = new(SymbolEqualityComparer.Default);

    /// <param name="compilation">The compilation: whether it imports the private members of referenced assemblies.</param>
    public DeepImmutability(Compilation compilation) =>
        _seesPrivateMetadata = compilation.Options.MetadataImportOptions == MetadataImportOptions.All;

    /// <summary>Whether values whose runtime type is exactly <paramref name="type"/> are deeply immutable.</summary>
    public bool Of(INamedTypeSymbol type) =>
        type is { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsUnboundGenericType: false } && Examine(type);

    /// <summary>Whether a field of type <paramref name="type"/> holds only deeply immutable values.</summary>
    bool Field(ITypeSymbol type)
    {
        if (type.IsUnmanagedType)
        {
            return !HoldsAddress(type, 0);
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Field(named.TypeArguments[0]);
        }

        if (RuntimeValue(named))
        {
            return true;
        }

        return (named.TypeKind == TypeKind.Struct || (named.TypeKind == TypeKind.Class && named.IsSealed)) && Examine(named);
    }

    bool Examine(INamedTypeSymbol type)
    {
        if (_decided.TryGetValue(type, out var decided))
        {
            return decided;
        }

        if (!_examining.Add(type))
        {
            return true;
        }

        var immutable = Fields(type);
        _examining.Remove(type);

        // "Mutable" never rests on an assumption; "immutable" inside a cycle rests on the cycle's other
        // types, which may yet turn out mutable: kept only once the outermost examination is over.
        if (!immutable || _examining.Count == 0)
        {
            _decided[type] = immutable;
        }

        return immutable;
    }

    bool Fields(INamedTypeSymbol type)
    {
        for (var level = type; level is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) }; level = level.BaseType)
        {
            if (level.DeclaringSyntaxReferences.IsEmpty ? !_seesPrivateMetadata : CapturesParameter(level))
            {
                return false;
            }

            foreach (var member in level.GetMembers())
            {
                switch (member)
                {
                    case IFieldSymbol { IsStatic: false } field when !field.IsReadOnly || !Field(field.Type):
                    case IEventSymbol { IsStatic: false }:
                    // Its backing field, if any, is checked above; a setter is refused too, so no field the
                    // symbols do not show (the `field` keyword's, say) is ever trusted.
                    case IPropertySymbol { IsStatic: false, SetMethod.IsInitOnly: false }:
                        return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a member of <paramref name="type"/> uses one of its primary constructor's parameters: the
    /// compiler then keeps the parameter in a field that is not readonly. Roslyn lists that field among
    /// the members (the field check refuses it); this reading of the syntax is a second line, for
    /// compilers that do not. Any use of the name in a member's body counts (initializers do not
    /// capture), unless a member of the same name hides it there.
    /// </summary>
    static bool CapturesParameter(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax { ParameterList.Parameters: { Count: > 0 } parameters } declaration)
            {
                continue;
            }

            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var parameter in parameters)
            {
                // In a member's body a member of the same name (a record's property) hides the parameter.
                if (!HasMember(type, parameter.Identifier.ValueText))
                {
                    names.Add(parameter.Identifier.ValueText);
                }
            }

            foreach (var member in declaration.Members)
            {
                SyntaxNode? body = member switch
                {
                    BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                    BasePropertyDeclarationSyntax property => property.AccessorList,
                    _ => null,
                };
                if (member is PropertyDeclarationSyntax { ExpressionBody: { } arrow })
                {
                    body = arrow;
                }

                if (body is null)
                {
                    continue;
                }

                foreach (var node in body.DescendantNodesAndSelf())
                {
                    if (node is IdentifierNameSyntax name && names.Contains(name.Identifier.ValueText))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    static bool HasMember(INamedTypeSymbol type, string name)
    {
        for (var level = type; level is not null; level = level.BaseType)
        {
            if (!level.GetMembers(name).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a value without references still shares something: a pointer, a native-sized integer
    /// (<c>nint</c>, <c>nuint</c>: handles and addresses), a <c>GCHandle</c>, or a struct declared in
    /// source with such a field. The framework's own structs (<c>DateTime</c>, <c>Guid</c>) are values.
    /// </summary>
    static bool HoldsAddress(ITypeSymbol type, int depth)
    {
        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol
            || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr
            || type is INamedTypeSymbol { Name: "GCHandle", ContainingNamespace: { Name: "InteropServices" } })
        {
            return true;
        }

        if (depth > 16 || type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || named.DeclaringSyntaxReferences.IsEmpty)
        {
            return depth > 16;
        }

        foreach (var member in named.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: false } field && HoldsAddress(field.Type, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The runtime's immutable values, passed uncopied by the runtime itself. Not <c>ExitReason</c>,
    /// <c>Down</c> or <c>ExitSignal</c> inside a user's type: an exit reason holds the live exception,
    /// which a copy leaves behind (it is not serialized), so such a type stays copied.
    /// </summary>
    static bool RuntimeValue(INamedTypeSymbol type)
    {
        if (type.ContainingAssembly?.Name != "Typed" || type.ContainingNamespace is not { } ns)
        {
            return false;
        }

        var name = ns.ToDisplayString() + "." + type.MetadataName;
        return name is "Typed.Pid" or "Typed.MonitorRef" or "Typed.ProcessRef`1" or "Typed.CompilerServices.Unit";
    }
}
