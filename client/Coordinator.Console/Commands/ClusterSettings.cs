using System.ComponentModel;
using Coordinator.Console.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands;

/// <summary>
/// How to reach the cluster; shared by every command that talks to it. Unset options fall back to
/// the Coordinator__* environment variables, then to the embedded defaults (a flag always wins).
/// </summary>
public class ClusterSettings : ConsoleSettings
{
    [CommandOption("--mode <MODE>")]
    [Description("embedded (a localhost silo) or azure (Azure Table clustering). Env Coordinator__StorageMode; default embedded.")]
    public string? Mode { get; set; }

    [CommandOption("--cluster-id <ID>")]
    [Description("Orleans cluster id. Env Coordinator__ClusterId; default coordinator.")]
    public string? ClusterId { get; set; }

    [CommandOption("--service-id <ID>")]
    [Description("Orleans service id. Env Coordinator__ServiceId; default coordinator.")]
    public string? ServiceId { get; set; }

    [CommandOption("--gateway-port <PORT>")]
    [Description("Gateway port of the localhost silo (embedded mode). Env Coordinator__GatewayPort; default 30000.")]
    public int? GatewayPort { get; set; }

    [CommandOption("--context <NAME>")]
    [Description("A saved connection (see 'context list'); flags and Coordinator__* variables still win. Default: the current context, if any.")]
    public string? Context { get; set; }

    [CommandOption("--connection-string <CS>")]
    [Description("Azure Storage connection string (azure mode). Env Coordinator__AzureStorageConnectionString.")]
    public string? ConnectionString { get; set; }

    public override ValidationResult Validate() => Result(CollectErrors());

    /// <summary>Every problem with the given flags; derived settings add theirs to the list.</summary>
    protected virtual List<FieldError> CollectErrors()
    {
        var errors = new List<FieldError>();
        if (Mode is not null && !ConnectionResolver.IsMode(Mode))
        {
            errors.Add(new FieldError("--mode", $"'{Mode}' is not a mode; use embedded or azure"));
        }

        if (GatewayPort is { } port && port is < 1 or > 65535)
        {
            errors.Add(new FieldError("--gateway-port", $"{port} is not a port (1-65535)"));
        }

        if (ClusterId is not null && string.IsNullOrWhiteSpace(ClusterId))
        {
            errors.Add(new FieldError("--cluster-id", "must not be empty"));
        }

        if (ServiceId is not null && string.IsNullOrWhiteSpace(ServiceId))
        {
            errors.Add(new FieldError("--service-id", "must not be empty"));
        }

        if (ConnectionString is not null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add(new FieldError("--connection-string", "must not be empty"));
        }

        return errors;
    }
}
