using System.ComponentModel;
using Coordinator.Client.Connection;
using Coordinator.Domain;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Context;

/// <summary>A context to save: the connection flags, with the storage connection string only by reference.</summary>
public sealed class ContextAddSettings : ConsoleSettings
{
    [CommandArgument(0, "<name>")]
    [Description("The context's name, e.g. prod-eu (lowercase letters, digits, '-').")]
    public string Name { get; set; } = string.Empty;

    [CommandOption("--mode <MODE>")]
    [Description("embedded or azure.")]
    public string? Mode { get; set; }

    [CommandOption("--cluster-id <ID>")]
    public string? ClusterId { get; set; }

    [CommandOption("--service-id <ID>")]
    public string? ServiceId { get; set; }

    [CommandOption("--gateway-port <PORT>")]
    public int? GatewayPort { get; set; }

    [CommandOption("--connection-string-env <VARIABLE>")]
    [Description("The environment variable that will hold the Azure Storage connection string when a command runs.")]
    public string? ConnectionStringVariable { get; set; }

    [CommandOption("--connection-string-file <PATH>")]
    [Description("A file whose first line is the Azure Storage connection string.")]
    public string? ConnectionStringFile { get; set; }

    [CommandOption("--connection-string <CS>")]
    [Description("Refused: a context never stores a secret in plain text; use --connection-string-env or --connection-string-file.")]
    public string? ConnectionString { get; set; }

    [CommandOption("--use")]
    [Description("Make it the current context too.")]
    public bool Use { get; set; }

    public ConnectionContext ToContext() => new()
    {
        Mode = Mode?.Trim().ToLowerInvariant(),
        ClusterId = ClusterId,
        ServiceId = ServiceId,
        GatewayPort = GatewayPort,
        ConnectionStringVariable = ConnectionStringVariable,
        ConnectionStringFile = ConnectionStringFile is null ? null : Path.GetFullPath(ConnectionStringFile),
    };

    public override ValidationResult Validate()
    {
        var errors = new List<FieldError>();
        NameRules.Check("name", Name, errors);
        if (Mode is not null && !ConnectionResolver.IsMode(Mode))
        {
            errors.Add(new FieldError("--mode", $"'{Mode}' is not a mode; use embedded or azure"));
        }

        if (GatewayPort is { } port && port is < 1 or > 65535)
        {
            errors.Add(new FieldError("--gateway-port", $"{port} is not a port (1-65535)"));
        }

        if (ConnectionString is not null)
        {
            errors.Add(new FieldError("--connection-string", "a context never stores the connection string itself; use --connection-string-env VARIABLE or --connection-string-file PATH"));
        }

        if (ConnectionStringVariable is not null && ConnectionStringFile is not null)
        {
            errors.Add(new FieldError("--connection-string-env", "give it or --connection-string-file, not both"));
        }

        if (ConnectionStringVariable is { } variable && (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.Add(new FieldError("--connection-string-env", $"'{variable}' is not an environment variable name (letters, digits, '_')"));
        }

        return Result(errors);
    }
}
