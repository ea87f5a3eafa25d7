using System.Text.Json.Serialization;
using Coordinator.Domain;

namespace Coordinator.Operations.Regions;

[JsonSerializable(typeof(ManifestDocument))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
