using Coordinator.Api.Auth;
using Coordinator.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Coordinator.Hosting.Observability;

/// <summary>
/// Metrics (the Coordinator meter and Orleans' own) on <c>/metrics</c> and over OTLP, spans over OTLP,
/// and the Orleans Dashboard behind the operator role: <see cref="AddCoordinatorObservability"/> on the
/// builder, <see cref="MapCoordinatorObservability"/> on the app, after the API (whose roles they use).
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>The meter Orleans publishes its runtime metrics on (grain calls, activations, messaging, storage, ...).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The resource's service.name on everything exported.</summary>
    public const string ServiceName = "coordinator";

    /// <summary>Reads and validates "Coordinator:Observability" (every failure at once), then registers what it turns on.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid.</exception>
    public static ObservabilityOptions AddCoordinatorObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ObservabilityOptionsReader.Read(builder.Configuration);
        builder.Services.AddSingleton(options);
        if (options.Prometheus || options.Otlp)
        {
            var telemetry = builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: CoordinatorDiagnostics.Version));
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(CoordinatorDiagnostics.Name, OrleansMeter);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.Otlp)
                {
                    metrics.AddOtlpExporter(o => Configure(o, options, "v1/metrics"));
                }
            });

            // Spans have nowhere to go but OTLP: without it no span is even created.
            if (options.Otlp && options.OtlpTraces)
            {
                telemetry.WithTracing(traces => traces.AddSource(CoordinatorDiagnostics.Name).AddOtlpExporter(o => Configure(o, options, "v1/traces")));
            }
        }

        if (options.OrleansDashboard)
        {
            // Its grain service and call profiler run on every silo; the pages are mapped below.
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return options;
    }

    /// <summary>Maps the scrape endpoint (any role, unless anonymous scrapes are allowed) and the Orleans Dashboard (operator role).</summary>
    public static WebApplication MapCoordinatorObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<ObservabilityOptions>();
        if (options.Prometheus)
        {
            var scrape = app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
            if (!options.PrometheusAllowAnonymous)
            {
                scrape.RequireAuthorization(ApiRoles.ReadPolicy).WithMetadata(new RequiredRoles(ApiRoles.All));
            }
        }

        if (options.OrleansDashboard)
        {
            // Its log stream (/Trace) stays open for an hour: no request timeout under the dashboard.
            app.MapOrleansDashboard(options.OrleansDashboardPath)
                .RequireAuthorization(ApiRoles.Operator)
                .WithMetadata(new RequiredRoles([ApiRoles.Operator]))
                .DisableRequestTimeout();
        }

        return app;
    }

    private static void Configure(OtlpExporterOptions exporter, ObservabilityOptions options, string signalPath)
    {
        var endpoint = new Uri(options.OtlpEndpoint!);
        if (options.OtlpProtocol == OtlpProtocols.HttpProtobuf)
        {
            // Over HTTP a configured endpoint is the signal's full URL.
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}
