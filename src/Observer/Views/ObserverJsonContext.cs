using System.Text.Json;
using System.Text.Json.Serialization;

namespace Typed.Observer.Views;

/// <summary>The observer's JSON, generated at build time: no reflection, and only the observer's own types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(PidJsonConverter)])]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(ActionRequest))]
[JsonSerializable(typeof(ActionResult))]
internal sealed partial class ObserverJsonContext : JsonSerializerContext;
