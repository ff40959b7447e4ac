using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// A positional <c>[MemoryPackable]</c> record's checked formatter and its registration over
/// MemoryPack's own when the assembly loads (the bytes stay MemoryPack's; the reading checks them).
/// </summary>
internal static class WireRecordEmitter
{
    /// <summary>The record's formatter, with its registration, as a file-local class named from <paramref name="name"/> (unique within the generated file).</summary>
    public static string Emit(WireRecordModel model, string name)
    {
        var w = new SourceWriter();
        foreach (var line in Scaffold.Header(model.TypeRef.Replace("global::", "")).TrimEnd('\n').Split('\n'))
        {
            w.Line(line);
        }

        w.Line();
        // The registration is the formatter's own static method: one file-local type per record, not two
        // (a file-local type's metadata name carries the file's 64-digit checksum).
        MessagesEmitter.EmitFormatter(w, model.TypeRef, name, model.Parameters, "file",
        [
            "/// <summary>Registers the checked formatter of " + model.Name + " over MemoryPack's own, whatever registered first.</summary>",
            "[global::System.Runtime.CompilerServices.ModuleInitializer]",
            "internal static void Register() => " + RuntimeNamespaces.CompilerServices + "Formatters.Replace(new " + name + "Formatter());",
        ]);
        return w.ToString();
    }
}
