using System.Globalization;
using Coordinator.Client;
using Coordinator.Console.App;
using Coordinator.Console.Commands;

namespace Coordinator.Console.Connection;

/// <summary>Turns flags, environment variables and contexts into client options: flag, then variable, then context, then default.</summary>
public static class ConnectionResolver
{
    public const string ModeVariable = "Coordinator__StorageMode";
    public const string ClusterIdVariable = "Coordinator__ClusterId";
    public const string ServiceIdVariable = "Coordinator__ServiceId";
    public const string GatewayPortVariable = "Coordinator__GatewayPort";
    public const string ConnectionStringVariable = "Coordinator__AzureStorageConnectionString";

    public const string Embedded = "embedded";
    public const string Azure = "azure";

    public static bool IsMode(string? text) => text?.Trim().ToLowerInvariant() is Embedded or Azure;

    /// <exception cref="UsageException">A value is invalid; every problem is listed, naming its flag and variable.</exception>
    public static CoordinatorClientOptions Resolve(ClusterSettings settings, ConsoleEnvironment environment)
    {
        var errors = new List<FieldError>();
        var defaults = new CoordinatorClientOptions();

        // Flag, then variable, then the context (--context or the current one), then the default.
        var context = ConsoleContexts.Select(settings.Context, environment)?.Context ?? new ConsoleContext();
        var mode = (settings.Mode ?? environment.Get(ModeVariable) ?? context.Mode ?? Embedded).Trim().ToLowerInvariant();
        if (!IsMode(mode))
        {
            errors.Add(new FieldError($"--mode ({ModeVariable})", $"'{mode}' is not a mode; use embedded or azure"));
        }

        var port = settings.GatewayPort ?? ReadPort(environment, errors) ?? context.GatewayPort ?? defaults.GatewayPort;
        var options = new CoordinatorClientOptions
        {
            StorageMode = mode,
            ClusterId = settings.ClusterId ?? environment.Get(ClusterIdVariable) ?? context.ClusterId ?? defaults.ClusterId,
            ServiceId = settings.ServiceId ?? environment.Get(ServiceIdVariable) ?? context.ServiceId ?? defaults.ServiceId,
            GatewayPort = port,
            AzureStorageConnectionString = settings.ConnectionString ?? environment.Get(ConnectionStringVariable)
                ?? (mode == Azure ? ConsoleContexts.ConnectionString(context, environment, errors) : null),
        };

        if (errors.Count == 0)
        {
            foreach (var failure in options.Validate())
            {
                errors.Add(new FieldError("connection", failure));
            }
        }

        if (errors.Count > 0)
        {
            throw new UsageException("invalid connection settings", errors);
        }

        return options;
    }

    /// <summary>What the console tried to reach, for error messages. Never includes a secret.</summary>
    public static string Describe(CoordinatorClientOptions options)
    {
        var where = options.StorageMode == Azure
            ? $"mode azure, Azure Table clustering on {DescribeAccount(options.AzureStorageConnectionString)}"
            : $"mode embedded, gateway 127.0.0.1:{options.GatewayPort}";
        return $"{where}, cluster id '{options.ClusterId}', service id '{options.ServiceId}'";
    }

    private static int? ReadPort(ConsoleEnvironment environment, List<FieldError> errors)
    {
        var text = environment.Get(GatewayPortVariable);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        errors.Add(new FieldError($"--gateway-port ({GatewayPortVariable})", $"'{text}' is not a port (1-65535)"));
        return null;
    }

    private static string DescribeAccount(string? connectionString)
    {
        if (connectionString is null)
        {
            return "no storage account";
        }

        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return "the local emulator (UseDevelopmentStorage=true)";
        }

        // Name the account, never the key.
        var account = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(kv => kv.Length == 2 && kv[0].Equals("AccountName", StringComparison.OrdinalIgnoreCase))?[1];
        return account is null ? "the configured storage account" : $"storage account '{account}'";
    }
}
