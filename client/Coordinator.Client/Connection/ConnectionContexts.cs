using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coordinator.Client.Connection;

/// <summary>
/// Where contexts live: <c>COORDINATOR_CONFIG</c> if set, else <c>$XDG_CONFIG_HOME/coordinator/contexts.json</c>,
/// else <c>$HOME/.config/coordinator/contexts.json</c>; none when none of those is set. Every
/// <c>environment</c> parameter reads a variable (null when unset); blank values count as unset.
/// </summary>
public static class ConnectionContexts
{
    /// <summary>The variable naming the contexts file.</summary>
    public const string ConfigVariable = "COORDINATOR_CONFIG";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>The contexts file's path, or null when nothing says where it is.</summary>
    public static string? PathOf(Func<string, string?> environment) =>
        Variable(environment, ConfigVariable)
        ?? (Variable(environment, "XDG_CONFIG_HOME") is { } xdg ? Path.Combine(xdg, "coordinator", "contexts.json") : null)
        ?? (Variable(environment, "HOME") is { } home ? Path.Combine(home, ".config", "coordinator", "contexts.json") : null);

    /// <summary>The file's contexts; an empty set when there is no file yet.</summary>
    /// <exception cref="ConnectionSettingsException">The file cannot be read or is not a contexts file.</exception>
    public static ConnectionContextFile Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new ConnectionContextFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ConnectionContextFile>(File.ReadAllText(path), Json) ?? new ConnectionContextFile();
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ConnectionSettingsException($"contexts file '{path}' is not usable", [new FieldError("contexts", FirstSentence(ex.Message))]);
        }
    }

    /// <summary>Writes the contexts file, creating its folder.</summary>
    /// <exception cref="ConnectionSettingsException">No place to keep contexts, or the file cannot be written.</exception>
    public static void Save(string? path, ConnectionContextFile file)
    {
        if (path is null)
        {
            throw new ConnectionSettingsException("nowhere to keep contexts", [new FieldError(ConfigVariable, "set it (or HOME) to where the contexts file should live")]);
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, JsonSerializer.Serialize(file, Json));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectionSettingsException($"contexts file '{path}' cannot be written", [new FieldError("contexts", ex.Message)]);
        }
    }

    /// <summary>The context a command runs in: the one named by --context, else the current one; null for none.</summary>
    /// <exception cref="ConnectionSettingsException">--context names a context the file does not have.</exception>
    public static (string Name, ConnectionContext Context)? Select(string? named, Func<string, string?> environment)
    {
        var path = PathOf(environment);
        var file = Load(path);
        var name = named ?? file.Current;
        if (name is null)
        {
            return null;
        }

        return file.Contexts.TryGetValue(name, out var context)
            ? (name, context)
            : throw new ConnectionSettingsException("unknown context", [new FieldError("--context", $"'{name}' is not a context in {path ?? "(no contexts file)"}; see 'context list'")]);
    }

    /// <summary>The context's connection string, read from its variable or file at the moment it is needed; problems go to <paramref name="errors"/>.</summary>
    public static string? ConnectionString(ConnectionContext context, Func<string, string?> environment, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        if (context.ConnectionStringVariable is { } variable)
        {
            var value = Variable(environment, variable);
            if (value is null)
            {
                errors.Add(new FieldError("context", $"its connection string comes from ${variable}, which is not set"));
            }

            return value;
        }

        if (context.ConnectionStringFile is { } file)
        {
            try
            {
                return File.ReadLines(file).FirstOrDefault()?.Trim() is { Length: > 0 } line
                    ? line
                    : Missing(errors, $"its connection string file '{file}' is empty");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Missing(errors, $"its connection string file '{file}' cannot be read: {ex.Message}");
            }
        }

        return null;
    }

    /// <summary>A variable's trimmed value, or null when it is unset or blank.</summary>
    internal static string? Variable(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Missing(List<FieldError> errors, string reason)
    {
        errors.Add(new FieldError("context", reason));
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
