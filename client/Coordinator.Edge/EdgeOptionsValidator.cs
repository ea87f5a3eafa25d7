using Coordinator.Domain;

namespace Coordinator.Edge;

/// <summary>Every problem with an <see cref="EdgeOptions"/>, each naming its field; empty when usable.</summary>
public static class EdgeOptionsValidator
{
    /// <summary>Collects every error; nothing stops at the first.</summary>
    public static IReadOnlyList<FieldError> Validate(EdgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        NameRules.Check("--region", options.Region, errors);
        if (options.Services is not { Count: > 0 })
        {
            errors.Add(new FieldError("--service", "at least one service is required"));
        }
        else
        {
            for (var i = 0; i < options.Services.Count; i++)
            {
                CheckService(options.Services[i], options.Services.Count == 1 ? "--" : $"services[{i}].", errors);
            }

            CheckDistinct(options.Services, errors);
        }

        Range(options.HealthCheckInterval, nameof(EdgeOptions.HealthCheckInterval), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), errors);
        Range(options.HealthCheckTimeout, nameof(EdgeOptions.HealthCheckTimeout), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), errors);
        Range(options.PassiveReactivationPeriod, nameof(EdgeOptions.PassiveReactivationPeriod), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), errors);
        Range(options.TelemetryFlushInterval, nameof(EdgeOptions.TelemetryFlushInterval), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), errors);
        Range(options.PointerRefreshInterval, nameof(EdgeOptions.PointerRefreshInterval), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), errors);
        return errors;
    }

    /// <param name="field">"--" names the flags of a single service; "services[i]." an entry of many.</param>
    private static void CheckService(EdgeService service, string field, List<FieldError> errors)
    {
        NameRules.Check(field + "service", service.Service, errors);
        if (service.PathPrefix is { } path)
        {
            if (!path.StartsWith('/') || path.Length < 2 || path.EndsWith('/'))
            {
                errors.Add(new FieldError(field + "path-prefix", $"'{path}' must start with '/', name at least one segment and not end with '/'"));
            }
            else if (path.IndexOfAny(['?', '#', '{', '}', '*', ' ', '\\']) >= 0 || path.Contains("//", StringComparison.Ordinal))
            {
                errors.Add(new FieldError(field + "path-prefix", $"'{path}' may hold only path segments (no '?', '#', '{{', '}}', '*', spaces, '\\' or empty segments)"));
            }
        }

        foreach (var host in service.HostNames)
        {
            if (string.IsNullOrWhiteSpace(host) || host.IndexOfAny(['/', '?', '#', ' ', '@']) >= 0)
            {
                errors.Add(new FieldError(field + "host", $"'{host}' is not a host name (e.g. rag.example.com, *.example.com or host:port)"));
            }
        }
    }

    private static void CheckDistinct(IReadOnlyList<EdgeService> services, List<FieldError> errors)
    {
        foreach (var group in services.GroupBy(s => s.Service, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError("--service", $"'{group.Key}' is listed {group.Count()} times"));
        }

        var matches = services.GroupBy(s => (s.PathPrefix ?? "/") + " " + string.Join(",", s.HostNames.Order(StringComparer.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
        foreach (var group in matches.Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError("--service", $"{string.Join(" and ", group.Select(s => s.Service))} match the same requests; give each its own path prefix or host"));
        }
    }

    private static void Range(TimeSpan value, string field, TimeSpan min, TimeSpan max, List<FieldError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(new FieldError(field, $"{value} is outside {min} to {max}"));
        }
    }
}
