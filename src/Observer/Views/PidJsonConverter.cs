using System.Text.Json;
using System.Text.Json.Serialization;

namespace Typed.Observer.Views;

/// <summary>A pid as the page shows it, <c>&lt;node.id.creation&gt;</c>; empty pids as null.</summary>
internal sealed class PidJsonConverter : JsonConverter<Pid>
{
    public override Pid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && PidText.TryParse(reader.GetString(), out var pid) ? pid : default;

    public override void Write(Utf8JsonWriter writer, Pid value, JsonSerializerOptions options)
    {
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
