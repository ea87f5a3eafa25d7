namespace Coordinator.Console.App;

/// <summary>Reads environment variables; tests pass a fixed set so the machine's variables cannot leak in.</summary>
public sealed class ConsoleEnvironment(Func<string, string?> read)
{
    public static ConsoleEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    public static ConsoleEnvironment Empty { get; } = new(_ => null);

    public static ConsoleEnvironment From(IReadOnlyDictionary<string, string> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public string? Get(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
