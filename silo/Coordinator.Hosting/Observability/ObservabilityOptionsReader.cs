using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coordinator.Hosting.Observability;

/// <summary>Reads "Coordinator:Observability" by hand and reports every bad or unknown key at once, by name.</summary>
public static class ObservabilityOptionsReader
{
    private static readonly string[] KnownKeys =
    [
        nameof(ObservabilityOptions.OrleansDashboard), nameof(ObservabilityOptions.OrleansDashboardPath), nameof(ObservabilityOptions.OtlpEndpoint),
        nameof(ObservabilityOptions.OtlpProtocol), nameof(ObservabilityOptions.OtlpTraces), nameof(ObservabilityOptions.Prometheus),
        nameof(ObservabilityOptions.PrometheusAllowAnonymous), nameof(ObservabilityOptions.PrometheusPath),
    ];

    // Paths the silo already serves: an endpoint there would shadow them or be shadowed.
    private static readonly string[] TakenPrefixes = ["/api", "/openapi", "/healthz"];

    /// <exception cref="OptionsValidationException">Lists every invalid or unknown setting.</exception>
    public static ObservabilityOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(ObservabilityOptions.Section);
        var failures = section.GetChildren()
            .Where(c => !KnownKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => $"{ObservabilityOptions.Section}:{c.Key}: is not a known setting (known: {string.Join(", ", KnownKeys)})")
            .ToList();

        var options = new ObservabilityOptions();
        options.Prometheus = ReadBool(section, nameof(options.Prometheus), options.Prometheus, failures);
        options.PrometheusAllowAnonymous = ReadBool(section, nameof(options.PrometheusAllowAnonymous), options.PrometheusAllowAnonymous, failures);
        options.OtlpTraces = ReadBool(section, nameof(options.OtlpTraces), options.OtlpTraces, failures);
        options.OrleansDashboard = ReadBool(section, nameof(options.OrleansDashboard), options.OrleansDashboard, failures);
        options.PrometheusPath = section[nameof(options.PrometheusPath)]?.Trim() ?? options.PrometheusPath;
        options.OrleansDashboardPath = section[nameof(options.OrleansDashboardPath)]?.Trim() ?? options.OrleansDashboardPath;
        options.OtlpEndpoint = section[nameof(options.OtlpEndpoint)] is { Length: > 0 } endpoint ? endpoint.Trim() : null;
        options.OtlpProtocol = section[nameof(options.OtlpProtocol)]?.Trim().ToLowerInvariant() ?? options.OtlpProtocol;
        failures.AddRange(Validate(options));
        return failures.Count == 0 ? options : throw new OptionsValidationException(ObservabilityOptions.Section, typeof(ObservabilityOptions), failures);
    }

    public static List<string> Validate(ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = ObservabilityOptions.Section + ":";
        var failures = new List<string>();
        CheckPath(prefix + nameof(options.PrometheusPath), options.PrometheusPath, failures);
        CheckPath(prefix + nameof(options.OrleansDashboardPath), options.OrleansDashboardPath, failures);
        if (options.Prometheus && options.OrleansDashboard && Overlap(options.PrometheusPath, options.OrleansDashboardPath))
        {
            failures.Add($"{prefix}{nameof(options.OrleansDashboardPath)}: '{options.OrleansDashboardPath}' overlaps {nameof(options.PrometheusPath)} '{options.PrometheusPath}'");
        }

        if (options.Otlp && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"{prefix}{nameof(options.OtlpEndpoint)}: '{options.OtlpEndpoint}' is not an absolute http(s) URL, e.g. http://otel-collector:4317");
        }

        if (options.OtlpProtocol is not (OtlpProtocols.Grpc or OtlpProtocols.HttpProtobuf))
        {
            failures.Add($"{prefix}{nameof(options.OtlpProtocol)}: '{options.OtlpProtocol}' is not a protocol; use {OtlpProtocols.Grpc} or {OtlpProtocols.HttpProtobuf}");
        }

        return failures;
    }

    private static void CheckPath(string key, string path, List<string> failures)
    {
        if (path.Length < 2 || path[0] != '/' || path.EndsWith('/') || !path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.'))
        {
            failures.Add($"{key}: '{path}' must start with '/', not end with one, and hold only letters, digits and / - _ .");
        }
        else if (TakenPrefixes.Any(taken => Overlap(path, taken)))
        {
            failures.Add($"{key}: '{path}' is taken by the silo's own endpoints ({string.Join(", ", TakenPrefixes)})");
        }
    }

    private static bool Overlap(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || a.StartsWith(b + "/", StringComparison.OrdinalIgnoreCase)
        || b.StartsWith(a + "/", StringComparison.OrdinalIgnoreCase);

    private static bool ReadBool(IConfigurationSection section, string key, bool fallback, List<string> failures)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        failures.Add($"{section.Path}:{key}: '{text}' is not true or false");
        return fallback;
    }
}
