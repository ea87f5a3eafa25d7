using System.Globalization;

namespace Coordinator.Client.Connection;

/// <summary>
/// Turns command-line flags, Coordinator__* variables and contexts into client options: flag, then
/// variable, then context, then default. The console and the edge resolve through it, so both
/// connect the same way.
/// </summary>
public static class ConnectionResolver
{
    /// <summary>The variable for the storage mode.</summary>
    public const string ModeVariable = "Coordinator__StorageMode";
    /// <summary>The variable for the cluster id.</summary>
    public const string ClusterIdVariable = "Coordinator__ClusterId";
    /// <summary>The variable for the service id.</summary>
    public const string ServiceIdVariable = "Coordinator__ServiceId";
    /// <summary>The variable for the gateway port.</summary>
    public const string GatewayPortVariable = "Coordinator__GatewayPort";
    /// <summary>The variable for the Azure Storage connection string.</summary>
    public const string ConnectionStringVariable = "Coordinator__AzureStorageConnectionString";

    /// <summary>A localhost silo.</summary>
    public const string Embedded = "embedded";
    /// <summary>Azure Table clustering.</summary>
    public const string Azure = "azure";

    /// <summary>Whether <paramref name="text"/> names a mode (any case, surrounding spaces ignored).</summary>
    public static bool IsMode(string? text) => text?.Trim().ToLowerInvariant() is Embedded or Azure;

    /// <summary>The problems with the flags alone (before variables and contexts), each naming its flag.</summary>
    public static IReadOnlyList<FieldError> CheckFlags(ConnectionFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var errors = new List<FieldError>();
        if (flags.Mode is not null && !IsMode(flags.Mode))
        {
            errors.Add(new FieldError("--mode", $"'{flags.Mode}' is not a mode; use embedded or azure"));
        }

        if (flags.GatewayPort is { } port && port is < 1 or > 65535)
        {
            errors.Add(new FieldError("--gateway-port", $"{port} is not a port (1-65535)"));
        }

        Blank(flags.ClusterId, "--cluster-id", errors);
        Blank(flags.ServiceId, "--service-id", errors);
        Blank(flags.ConnectionString, "--connection-string", errors);
        return errors;
    }

    /// <summary>The options to connect with.</summary>
    /// <param name="flags">What the command line gave.</param>
    /// <param name="environment">Reads a variable (null when unset); blank values count as unset.</param>
    /// <exception cref="ConnectionSettingsException">A value is invalid; every problem is listed, naming its flag and variable.</exception>
    public static CoordinatorClientOptions Resolve(ConnectionFlags flags, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<FieldError>();
        var defaults = new CoordinatorClientOptions();
        string? Get(string name) => ConnectionContexts.Variable(environment, name);

        // Flag, then variable, then the context (--context or the current one), then the default.
        var context = ConnectionContexts.Select(flags.Context, environment)?.Context ?? new ConnectionContext();
        var mode = (flags.Mode ?? Get(ModeVariable) ?? context.Mode ?? Embedded).Trim().ToLowerInvariant();
        if (!IsMode(mode))
        {
            errors.Add(new FieldError($"--mode ({ModeVariable})", $"'{mode}' is not a mode; use embedded or azure"));
        }

        var port = flags.GatewayPort ?? ReadPort(Get(GatewayPortVariable), errors) ?? context.GatewayPort ?? defaults.GatewayPort;
        var options = new CoordinatorClientOptions
        {
            StorageMode = mode,
            ClusterId = flags.ClusterId ?? Get(ClusterIdVariable) ?? context.ClusterId ?? defaults.ClusterId,
            ServiceId = flags.ServiceId ?? Get(ServiceIdVariable) ?? context.ServiceId ?? defaults.ServiceId,
            GatewayPort = port,
            AzureStorageConnectionString = flags.ConnectionString ?? Get(ConnectionStringVariable)
                ?? (mode == Azure ? ConnectionContexts.ConnectionString(context, environment, errors) : null),
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
            throw new ConnectionSettingsException("invalid connection settings", errors);
        }

        return options;
    }

    /// <summary>What a client tried to reach, for error messages. Never includes a secret.</summary>
    public static string Describe(CoordinatorClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var where = options.StorageMode == Azure
            ? $"mode azure, Azure Table clustering on {DescribeAccount(options.AzureStorageConnectionString)}"
            : $"mode embedded, gateway 127.0.0.1:{options.GatewayPort}";
        return $"{where}, cluster id '{options.ClusterId}', service id '{options.ServiceId}'";
    }

    private static void Blank(string? value, string flag, List<FieldError> errors)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(flag, "must not be empty"));
        }
    }

    private static int? ReadPort(string? text, List<FieldError> errors)
    {
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
