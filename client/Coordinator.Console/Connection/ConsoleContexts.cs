using System.Text.Json;
using System.Text.Json.Serialization;
using Coordinator.Console.App;

namespace Coordinator.Console.Connection;

/// <summary>
/// A named cluster connection, as kubectl keeps them. The storage connection string is never written
/// here: only the name of the environment variable or the path of the file that holds it.
/// </summary>
public sealed record ConsoleContext
{
    public string? Mode { get; init; }

    public string? ClusterId { get; init; }

    public string? ServiceId { get; init; }

    public int? GatewayPort { get; init; }

    /// <summary>The environment variable holding the Azure Storage connection string.</summary>
    public string? ConnectionStringVariable { get; init; }

    /// <summary>A file holding the Azure Storage connection string (its first line).</summary>
    public string? ConnectionStringFile { get; init; }
}

/// <summary>The contexts file: every named context and the one in use.</summary>
public sealed record ConsoleContextFile
{
    public string? Current { get; init; }

    public SortedDictionary<string, ConsoleContext> Contexts { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Where contexts live: <c>COORDINATOR_CONFIG</c> if set, else <c>$XDG_CONFIG_HOME/coordinator/contexts.json</c>,
/// else <c>$HOME/.config/coordinator/contexts.json</c>; none when none of those is set.
/// </summary>
public static class ConsoleContexts
{
    public const string ConfigVariable = "COORDINATOR_CONFIG";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static string? PathOf(ConsoleEnvironment environment) =>
        environment.Get(ConfigVariable)
        ?? (environment.Get("XDG_CONFIG_HOME") is { } xdg ? Path.Combine(xdg, "coordinator", "contexts.json") : null)
        ?? (environment.Get("HOME") is { } home ? Path.Combine(home, ".config", "coordinator", "contexts.json") : null);

    /// <summary>The file's contexts; an empty set when there is no file yet.</summary>
    /// <exception cref="UsageException">The file cannot be read or is not a contexts file.</exception>
    public static ConsoleContextFile Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new ConsoleContextFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ConsoleContextFile>(File.ReadAllText(path), Json) ?? new ConsoleContextFile();
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"contexts file '{path}' is not usable", [new FieldError("contexts", FirstSentence(ex.Message))]);
        }
    }

    /// <exception cref="UsageException">No place to keep contexts, or the file cannot be written.</exception>
    public static void Save(string? path, ConsoleContextFile file)
    {
        if (path is null)
        {
            throw new UsageException("nowhere to keep contexts", [new FieldError(ConfigVariable, "set it (or HOME) to where the contexts file should live")]);
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, JsonSerializer.Serialize(file, Json));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"contexts file '{path}' cannot be written", [new FieldError("contexts", ex.Message)]);
        }
    }

    /// <summary>The context a command runs in: the one named by --context, else the current one; null for none.</summary>
    /// <exception cref="UsageException">--context names a context the file does not have.</exception>
    public static (string Name, ConsoleContext Context)? Select(string? named, ConsoleEnvironment environment)
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
            : throw new UsageException("unknown context", [new FieldError("--context", $"'{name}' is not a context in {path ?? "(no contexts file)"}; see 'context list'")]);
    }

    /// <summary>The context's connection string, read from its variable or file at the moment it is needed.</summary>
    public static string? ConnectionString(ConsoleContext context, ConsoleEnvironment environment, List<FieldError> errors)
    {
        if (context.ConnectionStringVariable is { } variable)
        {
            var value = environment.Get(variable);
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
