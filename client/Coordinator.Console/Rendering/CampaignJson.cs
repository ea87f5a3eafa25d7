using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Coordinator.Console.Rendering;

/// <summary>--json output of the campaign commands: snake_case keys and enum names, indented, straight to the writer (never wrapped).</summary>
public static class CampaignJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes <paramref name="value"/> as one JSON document on <paramref name="console"/>'s underlying writer.</summary>
    public static void Write<T>(IAnsiConsole console, T value)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(Serialize(value));
        writer.Flush();
    }
}
