using System.ComponentModel;
using Coordinator.Client.Connection;
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

    /// <summary>The flags as the shared resolver takes them.</summary>
    public ConnectionFlags ToFlags() => new()
    {
        Mode = Mode,
        ClusterId = ClusterId,
        ServiceId = ServiceId,
        GatewayPort = GatewayPort,
        Context = Context,
        ConnectionString = ConnectionString,
    };

    /// <summary>Every problem with the given flags; derived settings add theirs to the list.</summary>
    protected virtual List<FieldError> CollectErrors() => [.. ConnectionResolver.CheckFlags(ToFlags())];
}
