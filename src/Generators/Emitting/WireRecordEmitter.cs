using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// A positional <c>[MemoryPackable]</c> record's checked formatter and its registration over
/// MemoryPack's own when the assembly loads (the bytes stay MemoryPack's; the reading checks them).
/// </summary>
internal static class WireRecordEmitter
{
    /// <summary>
    /// The record's formatter, with its registration: a class nested in the record when the record and its
    /// containing types are partial (as MemoryPack's own generator needs them), named <c>__TypedFormatter</c>;
    /// otherwise a file-local class named from <paramref name="name"/> (unique within the generated file).
    /// </summary>
    public static string Emit(WireRecordModel model, string name)
    {
        var w = new SourceWriter();
        foreach (var line in Scaffold.Header(model.TypeRef.Replace("global::", "")).TrimEnd('\n').Split('\n'))
        {
            w.Line(line);
        }

        w.Line();
        if (model.Nest is { } nest)
        {
            // Nested: a short metadata name, where a file-local type's carries the file's path and 64-digit checksum.
            if (model.Namespace.Length > 0)
            {
                w.Open("namespace " + model.Namespace);
            }

            foreach (var type in nest)
            {
                w.Open("partial " + type.Keyword + " " + type.Name);
            }

            Formatter(w, model, "__Typed", "internal");
            foreach (var _ in nest)
            {
                w.Close();
            }

            if (model.Namespace.Length > 0)
            {
                w.Close();
            }

            return w.ToString();
        }

        Formatter(w, model, name, "file");
        return w.ToString();
    }

    // The registration is the formatter's own static method: one type per record, not two.
    static void Formatter(SourceWriter w, WireRecordModel model, string name, string access) =>
        MessagesEmitter.EmitFormatter(w, model.TypeRef, name, model.Parameters, access,
        [
            "/// <summary>Registers the checked formatter of " + model.Name + " over MemoryPack's own, whatever registered first.</summary>",
            "[global::System.Runtime.CompilerServices.ModuleInitializer]",
            "internal static void Register() => " + RuntimeNamespaces.CompilerServices + "Formatters.Replace(new " + name + "Formatter());",
        ]);
}
