using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// A positional <c>[MemoryPackable]</c> record's checked formatter and its registration over
/// MemoryPack's own when the assembly loads (the bytes stay MemoryPack's; the reading checks them).
/// </summary>
internal static class WireRecordEmitter
{
    /// <summary>The record's formatter and registration, as file-local classes named from <paramref name="name"/> (unique within the generated file).</summary>
    public static string Emit(WireRecordModel model, string name)
    {
        var w = new SourceWriter();
        foreach (var line in Scaffold.Header(model.TypeRef.Replace("global::", "")).TrimEnd('\n').Split('\n'))
        {
            w.Line(line);
        }

        w.Line();
        MessagesEmitter.EmitFormatter(w, model.TypeRef, name, model.Parameters, "file");
        w.Line();
        w.Line("/// <summary>Registers the checked formatter of " + model.Name + " over MemoryPack's own, whatever registered first.</summary>");
        w.Open("file static class " + name + "Registration");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("internal static void Register() => " + RuntimeNamespaces.CompilerServices + "Formatters.Replace(new " + name + "Formatter());");
        w.Close();
        return w.ToString();
    }
}
