using System.Globalization;
using System.Net;
using Coordinator.Client.Connection;

namespace Coordinator.Edge.Hosting;

/// <summary>
/// The edge's command line: its own flags plus the console's connection flags, resolved with the
/// same Coordinator__* variables and contexts. Every problem is collected and named.
/// </summary>
public static class EdgeArguments
{
    /// <summary>The usage text printed for --help and after errors.</summary>
    public const string Usage = """
        usage: Coordinator.Edge --service <name> --region <name> --listen <ip:port>
                                [--path-prefix </prefix>] [--host <host>]...
                                [--mode embedded|azure] [--cluster-id <id>] [--service-id <id>]
                                [--gateway-port <port>] [--context <name>] [--connection-string <cs>]
        Routes HTTP for one service in one region to the arm its pointer says is active.
        Connection flags, Coordinator__* variables and contexts work as in the console.
        """;

    private static readonly HashSet<string> Repeatable = ["--host"];

    private static readonly HashSet<string> Known =
    [
        "--service", "--region", "--listen", "--path-prefix", "--host",
        "--mode", "--cluster-id", "--service-id", "--gateway-port", "--context", "--connection-string",
    ];

    /// <summary>True when the arguments ask for the usage text.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    /// <summary>Parses, validates and resolves the connection; on any problem <c>Launch</c> is null and every error is listed.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads a variable (null when unset).</param>
    public static (EdgeLaunch? Launch, IReadOnlyList<FieldError> Errors) Prepare(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<FieldError>();
        var values = Read(args, errors);
        string? One(string flag) => values.TryGetValue(flag, out var v) ? v[^1] : null;

        var service = One("--service");
        var region = One("--region");
        if (service is null)
        {
            errors.Add(new FieldError("--service", "is required"));
        }

        if (region is null)
        {
            errors.Add(new FieldError("--region", "is required"));
        }

        var listen = ParseListen(One("--listen"), errors);
        var flags = new ConnectionFlags
        {
            Mode = One("--mode"),
            ClusterId = One("--cluster-id"),
            ServiceId = One("--service-id"),
            GatewayPort = ParsePort(One("--gateway-port"), errors),
            Context = One("--context"),
            ConnectionString = One("--connection-string"),
        };
        errors.AddRange(ConnectionResolver.CheckFlags(flags));

        EdgeOptions? options = null;
        if (service is not null && region is not null)
        {
            options = new EdgeOptions
            {
                Region = region,
                Services = [new EdgeService(service, One("--path-prefix"), values.TryGetValue("--host", out var hosts) ? hosts : null)],
                Listen = listen ?? new IPEndPoint(IPAddress.Loopback, 0),
            };
            errors.AddRange(EdgeOptionsValidator.Validate(options));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        try
        {
            return (new EdgeLaunch(options!, ConnectionResolver.Resolve(flags, environment)), []);
        }
        catch (ConnectionSettingsException ex)
        {
            return (null, ex.Errors);
        }
    }

    private static Dictionary<string, List<string>> Read(IReadOnlyList<string> args, List<FieldError> errors)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? arg[..eq] : arg;
            if (!Known.Contains(flag))
            {
                errors.Add(new FieldError(flag, arg.StartsWith('-') ? "is not an option of the edge (see --help)" : "unexpected argument; every value follows its option"));
                continue;
            }

            var value = eq > 0 && flag != arg ? arg[(eq + 1)..] : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            if (value is null)
            {
                errors.Add(new FieldError(flag, "needs a value"));
                continue;
            }

            if (values.TryGetValue(flag, out var list))
            {
                if (!Repeatable.Contains(flag))
                {
                    errors.Add(new FieldError(flag, "is given more than once"));
                    continue;
                }

                list.Add(value);
            }
            else
            {
                values[flag] = [value];
            }
        }

        return values;
    }

    private static IPEndPoint? ParseListen(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            errors.Add(new FieldError("--listen", "is required (e.g. 127.0.0.1:8081; port 0 picks a free one)"));
            return null;
        }

        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal) && endpoint.Port is >= 0 and <= 65535)
        {
            return endpoint;
        }

        errors.Add(new FieldError("--listen", $"'{text}' is not an address and port (e.g. 127.0.0.1:8081, 0.0.0.0:80, [::1]:8081)"));
        return null;
    }

    private static int? ParsePort(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }

        errors.Add(new FieldError("--gateway-port", $"'{text}' is not a port (1-65535)"));
        return null;
    }
}
